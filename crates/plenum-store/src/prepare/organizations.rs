//! Organizations, committees by term, and their members.

use async_trait::async_trait;
use plenum_core::prepare::organization::OrgLevel;

use crate::change::{data, Change};
use crate::store::{db_err, field, on_unique, SqlStore};
use crate::{input, Actor, Committee, Conflict, Member, Organization, Scope, StoreResult};

const ORGANIZATION: &str = "SELECT id, parent_id, name, short_name, level FROM organizations";
const COMMITTEE: &str = "SELECT id, org_id, name, term, term_label, starts_on FROM committees";
// `standing` is read as an integer: SQLite keeps booleans as 0/1 and the `Any`
// driver hands them over as integers, PostgreSQL's cast gives the same.
const MEMBER: &str =
    "SELECT id, committee_id, full_name, title, unit, CAST(standing AS INTEGER) AS standing, user_id FROM members";

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    committee_id: i64,
    full_name: String,
    title: String,
    unit: String,
    standing: i64,
    user_id: Option<i64>,
}

impl From<MemberRow> for Member {
    fn from(r: MemberRow) -> Member {
        Member {
            id: r.id,
            committee_id: r.committee_id,
            full_name: r.full_name,
            title: r.title,
            unit: r.unit,
            standing: r.standing != 0,
            user_id: r.user_id,
        }
    }
}

#[async_trait]
impl crate::Organizations for SqlStore {
    async fn create_organization(&self, actor: &Actor, new: input::NewOrganization) -> StoreResult<Organization> {
        let mut tx = self.begin().await?;
        let parent_level = match new.parent_id {
            None => None,
            Some(pid) => {
                let row: Option<(String,)> = sqlx::query_as("SELECT level FROM organizations WHERE id = $1")
                    .bind(pid)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
                match row {
                    Some((level,)) => OrgLevel::parse(&level),
                    None => return Err(field("parent_id", "not-found")),
                }
            }
        };
        let new = new.validate(parent_level)?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO organizations (parent_id, name, short_name, level) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(new.parent_id)
        .bind(&new.name)
        .bind(&new.short_name)
        .bind(&new.level)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let org =
            Organization { id, parent_id: new.parent_id, name: new.name, short_name: new.short_name, level: new.level };
        let scope = Scope { org_id: Some(id), plenum_id: None };
        self.commit_change(tx, actor, scope, Change::OrganizationCreated(org.clone())).await?;
        Ok(org)
    }

    async fn organizations(&self) -> StoreResult<Vec<Organization>> {
        sqlx::query_as(&format!("{ORGANIZATION} ORDER BY id")).fetch_all(self.reader()).await.map_err(db_err)
    }

    async fn organization(&self, id: i64) -> StoreResult<Organization> {
        sqlx::query_as(&format!("{ORGANIZATION} WHERE id = $1")).bind(id).fetch_one(self.reader()).await.map_err(db_err)
    }

    async fn create_committee(&self, actor: &Actor, new: input::NewCommittee) -> StoreResult<Committee> {
        let new = new.validate()?;
        let mut tx = self.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO committees (org_id, name, term, term_label, starts_on) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(new.org_id)
        .bind(&new.name)
        .bind(&new.term)
        .bind(&new.term_label)
        .bind(&new.starts_on)
        .fetch_one(&mut *tx)
        .await
        .map_err(on_unique("committees", &["org_id", "term"], Conflict::TermTaken))?;
        let c = Committee {
            id,
            org_id: new.org_id,
            name: new.name,
            term: new.term,
            term_label: new.term_label,
            starts_on: new.starts_on,
        };
        let scope = Scope { org_id: Some(c.org_id), plenum_id: None };
        self.commit_change(tx, actor, scope, Change::CommitteeCreated(c.clone())).await?;
        Ok(c)
    }

    async fn committees(&self, org_id: i64) -> StoreResult<Vec<Committee>> {
        sqlx::query_as(&format!("{COMMITTEE} WHERE org_id = $1 ORDER BY starts_on DESC, id"))
            .bind(org_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)
    }

    async fn committee(&self, id: i64) -> StoreResult<Committee> {
        sqlx::query_as(&format!("{COMMITTEE} WHERE id = $1")).bind(id).fetch_one(self.reader()).await.map_err(db_err)
    }

    async fn add_member(&self, actor: &Actor, new: input::NewMember) -> StoreResult<Member> {
        let new = new.validate()?;
        let mut tx = self.begin().await?;
        let (org_id,): (i64,) = sqlx::query_as("SELECT org_id FROM committees WHERE id = $1")
            .bind(new.committee_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO members (committee_id, full_name, title, unit, standing, user_id)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.committee_id)
        .bind(&new.full_name)
        .bind(&new.title)
        .bind(&new.unit)
        .bind(new.standing)
        .bind(new.user_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let m = Member {
            id,
            committee_id: new.committee_id,
            full_name: new.full_name,
            title: new.title,
            unit: new.unit,
            standing: new.standing,
            user_id: new.user_id,
        };
        let scope = Scope { org_id: Some(org_id), plenum_id: None };
        self.commit_change(tx, actor, scope, Change::MemberAdded(m.clone())).await?;
        Ok(m)
    }

    async fn link_member(&self, actor: &Actor, member_id: i64, user_id: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let (org_id,): (i64,) = sqlx::query_as(
            "UPDATE members SET user_id = $1 WHERE id = $2
             RETURNING (SELECT org_id FROM committees c WHERE c.id = members.committee_id)",
        )
        .bind(user_id)
        .bind(member_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        let scope = Scope { org_id: Some(org_id), plenum_id: None };
        let data = data::MemberLinked { member_id, user_id };
        self.commit_change(tx, actor, scope, Change::MemberLinked(data)).await?;
        Ok(())
    }

    async fn members(&self, committee_id: i64) -> StoreResult<Vec<Member>> {
        let rows: Vec<MemberRow> = sqlx::query_as(&format!("{MEMBER} WHERE committee_id = $1 ORDER BY id"))
            .bind(committee_id)
            .fetch_all(self.reader())
            .await
            .map_err(db_err)?;
        Ok(rows.into_iter().map(Member::from).collect())
    }
}
