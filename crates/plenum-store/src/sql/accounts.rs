//! Users, role grants, sessions and tokens.

#[doc(hidden)]
#[macro_export]
macro_rules! impl_accounts {
    ($Store:ty) => {
        #[$crate::sql::async_trait]
        impl $crate::Accounts for $Store {
            async fn create_user(&self, actor: &$crate::Actor, new: $crate::input::NewUser) -> $crate::StoreResult<$crate::User> {
                use $crate::sql::db_err;
                let new = new.validate()?;
                let mut tx = self.begin().await?;
                let at = $crate::sql::now_micros();
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO users (username, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(&new.username)
                .bind(&new.display_name)
                .bind(&new.password_hash)
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let data = $crate::sql::json!({"id": id, "username": new.username, "display_name": new.display_name});
                self.commit_change(tx, actor, "user.created", $crate::Scope::default(), data).await?;
                Ok($crate::User { id, username: new.username, display_name: new.display_name, password_hash: new.password_hash, created_at: at })
            }

            async fn user_by_username(&self, username: &str) -> $crate::StoreResult<Option<$crate::User>> {
                let row: Option<(i64, String, String, String, i64)> =
                    ::sqlx::query_as("SELECT id, username, display_name, password_hash, created_at FROM users WHERE username = $1")
                        .bind(::plenum_core::text::nfc(username.trim()).to_lowercase())
                        .fetch_optional(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok(row.map(|(id, username, display_name, password_hash, created_at)| $crate::User { id, username, display_name, password_hash, created_at }))
            }

            async fn user(&self, id: i64) -> $crate::StoreResult<$crate::User> {
                let (id, username, display_name, password_hash, created_at): (i64, String, String, String, i64) =
                    ::sqlx::query_as("SELECT id, username, display_name, password_hash, created_at FROM users WHERE id = $1")
                        .bind(id)
                        .fetch_one(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok($crate::User { id, username, display_name, password_hash, created_at })
            }

            async fn users(&self) -> $crate::StoreResult<Vec<$crate::User>> {
                let rows: Vec<(i64, String, String, String, i64)> =
                    ::sqlx::query_as("SELECT id, username, display_name, password_hash, created_at FROM users ORDER BY username")
                        .fetch_all(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, username, display_name, password_hash, created_at)| $crate::User { id, username, display_name, password_hash, created_at })
                    .collect())
            }

            async fn grant_role(&self, actor: &$crate::Actor, user_id: i64, grant: ::plenum_core::access::Grant) -> $crate::StoreResult<()> {
                use $crate::sql::db_err;
                let mut tx = self.begin().await?;
                ::sqlx::query("INSERT INTO role_grants (user_id, role, org_id, plenum_id) VALUES ($1, $2, $3, $4)")
                    .bind(user_id)
                    .bind(grant.role.as_str())
                    .bind(grant.scope.org)
                    .bind(grant.scope.plenum)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let data = $crate::sql::json!({"user_id": user_id, "role": grant.role.as_str()});
                self.commit_change(tx, actor, "role.granted", grant.scope.into(), data).await?;
                Ok(())
            }

            async fn grants_of(&self, user_id: i64) -> $crate::StoreResult<Vec<::plenum_core::access::Grant>> {
                let rows: Vec<(String, Option<i64>, Option<i64>)> =
                    ::sqlx::query_as("SELECT role, org_id, plenum_id FROM role_grants WHERE user_id = $1 ORDER BY id")
                        .bind(user_id)
                        .fetch_all(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(role, org, plenum)| {
                        ::plenum_core::access::Role::parse(&role).map(|role| ::plenum_core::access::Grant {
                            role,
                            scope: ::plenum_core::access::GrantScope { org, plenum },
                        })
                    })
                    .collect())
            }

            async fn create_session(&self, actor: &$crate::Actor, new: $crate::input::NewSession) -> $crate::StoreResult<$crate::Session> {
                use $crate::sql::db_err;
                let mut tx = self.begin().await?;
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO sessions (token_hash, user_id, kind, csrf, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(&new.token_hash)
                .bind(new.user_id)
                .bind(new.kind)
                .bind(&new.csrf)
                .bind(&new.label)
                .bind($crate::sql::now_micros())
                .bind(new.expires_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let data = $crate::sql::json!({"session_id": id, "user_id": new.user_id, "kind": new.kind, "label": new.label});
                let action = if new.kind == "api" { "token.created" } else { "session.started" };
                self.commit_change(tx, actor, action, $crate::Scope::default(), data).await?;
                Ok($crate::Session { id, user_id: new.user_id, kind: new.kind.to_string(), csrf: new.csrf, expires_at: new.expires_at })
            }

            async fn session_by_hash(&self, token_hash: &str, now: i64) -> $crate::StoreResult<Option<$crate::Session>> {
                let row: Option<(i64, i64, String, String, Option<i64>)> = ::sqlx::query_as(
                    "SELECT id, user_id, kind, csrf, expires_at FROM sessions WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > $2)",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(self.reader())
                .await
                .map_err($crate::sql::db_err)?;
                Ok(row.map(|(id, user_id, kind, csrf, expires_at)| $crate::Session { id, user_id, kind, csrf, expires_at }))
            }

            async fn delete_session(&self, actor: &$crate::Actor, token_hash: &str) -> $crate::StoreResult<()> {
                use $crate::sql::db_err;
                let mut tx = self.begin().await?;
                let row: Option<(i64, i64)> = ::sqlx::query_as("DELETE FROM sessions WHERE token_hash = $1 RETURNING id, user_id")
                    .bind(token_hash)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let Some((id, user_id)) = row else { return Ok(()) };
                let data = $crate::sql::json!({"session_id": id, "user_id": user_id});
                self.commit_change(tx, actor, "session.ended", $crate::Scope::default(), data).await?;
                Ok(())
            }
        }
    };
}
