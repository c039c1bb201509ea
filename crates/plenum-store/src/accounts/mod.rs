//! Accounts: users, role grants, sign-ins and API tokens.

use async_trait::async_trait;
use plenum_core::access::{Grant, GrantScope, Role, SignInKind};

use crate::change::{data, Change};
use crate::store::{db_err, now_micros, on_unique, SqlStore, Tx};
use crate::{input, Actor, Conflict, Scope, Session, StoreResult, User};

const USER: &str = "SELECT id, username, display_name, password_hash, created_at, disabled_at FROM users";

#[derive(sqlx::FromRow)]
struct GrantRow {
    role: String,
    org_id: Option<i64>,
    plenum_id: Option<i64>,
}

#[async_trait]
impl crate::Accounts for SqlStore {
    async fn create_user(&self, actor: &Actor, new: input::NewUser) -> StoreResult<User> {
        let new = new.validate()?;
        let mut tx = self.begin().await?;
        let at = now_micros();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO users (username, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&new.username)
        .bind(&new.display_name)
        .bind(&new.password_hash)
        .bind(at)
        .fetch_one(&mut *tx)
        .await
        .map_err(on_unique("users", &["username"], Conflict::UsernameTaken))?;
        let data =
            data::AccountCreated { id, username: new.username.to_string(), display_name: new.display_name.to_string() };
        self.commit_change(tx, actor, Scope::default(), Change::AccountCreated(data)).await?;
        Ok(User {
            id,
            username: new.username,
            display_name: new.display_name,
            password_hash: new.password_hash,
            created_at: at,
            disabled_at: None,
        })
    }

    async fn user_by_username(&self, username: &str) -> StoreResult<Option<User>> {
        sqlx::query_as(&format!("{USER} WHERE username = $1"))
            .bind(plenum_core::text::nfc(username.trim()).to_lowercase())
            .fetch_optional(self.reader())
            .await
            .map_err(db_err)
    }

    async fn user(&self, id: i64) -> StoreResult<User> {
        sqlx::query_as(&format!("{USER} WHERE id = $1")).bind(id).fetch_one(self.reader()).await.map_err(db_err)
    }

    async fn users(&self) -> StoreResult<Vec<User>> {
        sqlx::query_as(&format!("{USER} ORDER BY username")).fetch_all(self.reader()).await.map_err(db_err)
    }

    async fn grant_role(&self, actor: &Actor, user_id: i64, grant: Grant) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO role_grants (user_id, role, org_id, plenum_id) VALUES ($1, $2, $3, $4)")
            .bind(user_id)
            .bind(grant.role.as_str())
            .bind(grant.scope.org)
            .bind(grant.scope.plenum)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        let data = data::RoleGranted { user_id, role: grant.role };
        self.commit_change(tx, actor, grant.scope.into(), Change::RoleGranted(data)).await?;
        Ok(())
    }

    async fn grants_of(&self, user_id: i64) -> StoreResult<Vec<Grant>> {
        let rows: Vec<GrantRow> =
            sqlx::query_as("SELECT role, org_id, plenum_id FROM role_grants WHERE user_id = $1 ORDER BY id")
                .bind(user_id)
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Role::parse(&r.role)
                    .map(|role| Grant { role, scope: GrantScope { org: r.org_id, plenum: r.plenum_id } })
            })
            .collect())
    }

    async fn create_session(&self, actor: &Actor, new: input::NewSession) -> StoreResult<Session> {
        let mut tx = self.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO sessions (token_hash, user_id, kind, csrf, label, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&new.token_hash)
        .bind(new.user_id)
        .bind(new.kind.as_str())
        .bind(&new.csrf)
        .bind(&new.label)
        .bind(now_micros())
        .bind(new.expires_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let data =
            data::LoginStarted { session_id: id, user_id: new.user_id, kind: new.kind, label: new.label.to_string() };
        let change = if new.kind == SignInKind::Api { Change::TokenCreated(data) } else { Change::LoginStarted(data) };
        self.commit_change(tx, actor, Scope::default(), change).await?;
        Ok(Session { id, user_id: new.user_id, kind: new.kind, csrf: new.csrf, expires_at: new.expires_at })
    }

    async fn session_by_hash(&self, token_hash: &str, now: i64) -> StoreResult<Option<Session>> {
        // A disabled account's sessions are ended when it is disabled; the
        // join refuses any that a backup or a race brought back.
        sqlx::query_as(
            "SELECT s.id, s.user_id, s.kind, s.csrf, s.expires_at FROM sessions s
             JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND (s.expires_at IS NULL OR s.expires_at > $2) AND u.disabled_at IS NULL",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.reader())
        .await
        .map_err(db_err)
    }

    async fn delete_session(&self, actor: &Actor, token_hash: &str) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let row: Option<(i64, i64)> =
            sqlx::query_as("DELETE FROM sessions WHERE token_hash = $1 RETURNING id, user_id")
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_err)?;
        let Some((id, user_id)) = row else { return Ok(()) };
        let data = data::LoginEnded { session_id: id, user_id };
        self.commit_change(tx, actor, Scope::default(), Change::LoginEnded(data)).await?;
        Ok(())
    }

    async fn disable_user(&self, actor: &Actor, user_id: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
            .bind(now_micros())
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        if done.rows_affected() == 0 {
            // Unknown, or disabled already: nothing to record.
            sqlx::query("SELECT id FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
            return Ok(());
        }
        let sessions_ended = delete_sessions_of(&mut tx, user_id).await?;
        let data = data::AccountDisabled { user_id, sessions_ended };
        self.commit_change(tx, actor, Scope::default(), Change::AccountDisabled(data)).await?;
        Ok(())
    }

    async fn end_sessions(&self, actor: &Actor, user_id: i64) -> StoreResult<i64> {
        let mut tx = self.begin().await?;
        let sessions_ended = delete_sessions_of(&mut tx, user_id).await?;
        let data = data::SignedOutEverywhere { user_id, sessions_ended };
        self.commit_change(tx, actor, Scope::default(), Change::SignedOutEverywhere(data)).await?;
        Ok(sessions_ended)
    }
}

/// Delete every session and token of an account; how many there were.
async fn delete_sessions_of(tx: &mut Tx, user_id: i64) -> StoreResult<i64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .map_err(db_err)?;
    Ok(done.rows_affected() as i64)
}
