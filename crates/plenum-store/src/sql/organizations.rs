//! Organizations, committees by term, and their members.

#[doc(hidden)]
#[macro_export]
macro_rules! impl_organizations {
    ($Store:ty) => {
        #[$crate::sql::async_trait]
        impl $crate::Organizations for $Store {
            async fn create_organization(&self, actor: &$crate::Actor, new: $crate::input::NewOrganization) -> $crate::StoreResult<$crate::Organization> {
                use $crate::sql::db_err;
                let mut tx = self.begin().await?;
                let parent_level = match new.parent_id {
                    None => None,
                    Some(pid) => {
                        let row: Option<(String,)> = ::sqlx::query_as("SELECT level FROM organizations WHERE id = $1")
                            .bind(pid)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(db_err)?;
                        match row {
                            Some((level,)) => ::plenum_core::prepare::organization::OrgLevel::parse(&level),
                            None => {
                                let mut f = ::plenum_core::FieldErrors::default();
                                f.push("parent_id", "not-found");
                                return Err(f.into());
                            }
                        }
                    }
                };
                let new = new.validate(parent_level)?;
                let (id,): (i64,) = ::sqlx::query_as("INSERT INTO organizations (parent_id, name, short_name, level) VALUES ($1, $2, $3, $4) RETURNING id")
                    .bind(new.parent_id)
                    .bind(&new.name)
                    .bind(&new.short_name)
                    .bind(&new.level)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let org = $crate::Organization { id, parent_id: new.parent_id, name: new.name, short_name: new.short_name, level: new.level };
                let scope = $crate::Scope { org_id: Some(id), plenum_id: None };
                self.commit_change(tx, actor, "organization.created", scope, $crate::sql::json!(&org)).await?;
                Ok(org)
            }

            async fn organizations(&self) -> $crate::StoreResult<Vec<$crate::Organization>> {
                let rows: Vec<(i64, Option<i64>, String, String, String)> =
                    ::sqlx::query_as("SELECT id, parent_id, name, short_name, level FROM organizations ORDER BY id")
                        .fetch_all(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, parent_id, name, short_name, level)| $crate::Organization { id, parent_id, name, short_name, level })
                    .collect())
            }

            async fn organization(&self, id: i64) -> $crate::StoreResult<$crate::Organization> {
                let (id, parent_id, name, short_name, level): (i64, Option<i64>, String, String, String) =
                    ::sqlx::query_as("SELECT id, parent_id, name, short_name, level FROM organizations WHERE id = $1")
                        .bind(id)
                        .fetch_one(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok($crate::Organization { id, parent_id, name, short_name, level })
            }

            async fn create_committee(&self, actor: &$crate::Actor, new: $crate::input::NewCommittee) -> $crate::StoreResult<$crate::Committee> {
                use $crate::sql::db_err;
                let new = new.validate()?;
                let mut tx = self.begin().await?;
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO committees (org_id, name, term, term_label, starts_on) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(new.org_id)
                .bind(&new.name)
                .bind(&new.term)
                .bind(&new.term_label)
                .bind(&new.starts_on)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let c = $crate::Committee { id, org_id: new.org_id, name: new.name, term: new.term, term_label: new.term_label, starts_on: new.starts_on };
                let scope = $crate::Scope { org_id: Some(c.org_id), plenum_id: None };
                self.commit_change(tx, actor, "committee.created", scope, $crate::sql::json!(&c)).await?;
                Ok(c)
            }

            async fn committees(&self, org_id: i64) -> $crate::StoreResult<Vec<$crate::Committee>> {
                let rows: Vec<(i64, i64, String, String, String, String)> =
                    ::sqlx::query_as("SELECT id, org_id, name, term, term_label, starts_on FROM committees WHERE org_id = $1 ORDER BY starts_on DESC, id")
                        .bind(org_id)
                        .fetch_all(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, org_id, name, term, term_label, starts_on)| $crate::Committee { id, org_id, name, term, term_label, starts_on })
                    .collect())
            }

            async fn committee(&self, id: i64) -> $crate::StoreResult<$crate::Committee> {
                let (id, org_id, name, term, term_label, starts_on): (i64, i64, String, String, String, String) =
                    ::sqlx::query_as("SELECT id, org_id, name, term, term_label, starts_on FROM committees WHERE id = $1")
                        .bind(id)
                        .fetch_one(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok($crate::Committee { id, org_id, name, term, term_label, starts_on })
            }

            async fn add_member(&self, actor: &$crate::Actor, new: $crate::input::NewMember) -> $crate::StoreResult<$crate::Member> {
                use $crate::sql::db_err;
                let new = new.validate()?;
                let mut tx = self.begin().await?;
                let (org_id,): (i64,) = ::sqlx::query_as("SELECT org_id FROM committees WHERE id = $1")
                    .bind(new.committee_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO members (committee_id, full_name, title, unit, standing, user_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
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
                let m = $crate::Member {
                    id,
                    committee_id: new.committee_id,
                    full_name: new.full_name,
                    title: new.title,
                    unit: new.unit,
                    standing: new.standing,
                    user_id: new.user_id,
                };
                let scope = $crate::Scope { org_id: Some(org_id), plenum_id: None };
                self.commit_change(tx, actor, "member.added", scope, $crate::sql::json!(&m)).await?;
                Ok(m)
            }

            async fn link_member(&self, actor: &$crate::Actor, member_id: i64, user_id: i64) -> $crate::StoreResult<()> {
                use $crate::sql::db_err;
                let mut tx = self.begin().await?;
                let (org_id,): (i64,) = ::sqlx::query_as(
                    "UPDATE members SET user_id = $1 WHERE id = $2 RETURNING (SELECT org_id FROM committees c WHERE c.id = members.committee_id)",
                )
                .bind(user_id)
                .bind(member_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let scope = $crate::Scope { org_id: Some(org_id), plenum_id: None };
                self.commit_change(tx, actor, "member.linked", scope, $crate::sql::json!({"member_id": member_id, "user_id": user_id})).await?;
                Ok(())
            }

            async fn members(&self, committee_id: i64) -> $crate::StoreResult<Vec<$crate::Member>> {
                let rows: Vec<(i64, i64, String, String, String, bool, Option<i64>)> =
                    ::sqlx::query_as("SELECT id, committee_id, full_name, title, unit, standing, user_id FROM members WHERE committee_id = $1 ORDER BY id")
                        .bind(committee_id)
                        .fetch_all(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, committee_id, full_name, title, unit, standing, user_id)| $crate::Member {
                        id,
                        committee_id,
                        full_name,
                        title,
                        unit,
                        standing,
                        user_id,
                    })
                    .collect())
            }
        }
    };
}
