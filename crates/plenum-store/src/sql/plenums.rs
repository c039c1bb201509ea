//! Plenums, agenda items and discussion groups.

#[doc(hidden)]
#[macro_export]
macro_rules! impl_plenums {
    ($Store:ty) => {
        #[$crate::sql::async_trait]
        impl $crate::Plenums for $Store {
            async fn create_plenum(&self, actor: &$crate::Actor, new: $crate::input::NewPlenum) -> $crate::StoreResult<$crate::Plenum> {
                use $crate::sql::db_err;
                let new = new.validate()?;
                let mut tx = self.begin().await?;
                let (org_id,): (i64,) = ::sqlx::query_as("SELECT org_id FROM committees WHERE id = $1")
                    .bind(new.committee_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?
                    .ok_or_else(|| {
                        let mut f = ::plenum_core::FieldErrors::default();
                        f.push("committee_id", "not-found");
                        $crate::StoreError::Invalid(f)
                    })?;
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO plenums (committee_id, ordinal, title, starts_on, ends_on, place) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(new.committee_id)
                .bind(new.ordinal)
                .bind(&new.title)
                .bind(&new.starts_on)
                .bind(&new.ends_on)
                .bind(&new.place)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let p = $crate::Plenum {
                    id,
                    committee_id: new.committee_id,
                    org_id,
                    ordinal: new.ordinal,
                    title: new.title,
                    starts_on: new.starts_on,
                    ends_on: new.ends_on,
                    place: new.place,
                };
                let scope = $crate::Scope { org_id: Some(org_id), plenum_id: Some(id) };
                self.commit_change(tx, actor, "plenum.created", scope, $crate::sql::json!(&p)).await?;
                Ok(p)
            }

            async fn plenums(&self) -> $crate::StoreResult<Vec<$crate::Plenum>> {
                let rows: Vec<(i64, i64, i64, i64, String, String, String, String)> = ::sqlx::query_as(
                    "SELECT p.id, p.committee_id, c.org_id, p.ordinal, p.title, p.starts_on, p.ends_on, p.place
                     FROM plenums p JOIN committees c ON c.id = p.committee_id ORDER BY p.starts_on DESC, p.id DESC",
                )
                .fetch_all(self.reader())
                .await
                .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, committee_id, org_id, ordinal, title, starts_on, ends_on, place)| $crate::Plenum {
                        id,
                        committee_id,
                        org_id,
                        ordinal,
                        title,
                        starts_on,
                        ends_on,
                        place,
                    })
                    .collect())
            }

            async fn plenum(&self, id: i64) -> $crate::StoreResult<$crate::Plenum> {
                let (id, committee_id, org_id, ordinal, title, starts_on, ends_on, place): (i64, i64, i64, i64, String, String, String, String) =
                    ::sqlx::query_as(
                        "SELECT p.id, p.committee_id, c.org_id, p.ordinal, p.title, p.starts_on, p.ends_on, p.place
                         FROM plenums p JOIN committees c ON c.id = p.committee_id WHERE p.id = $1",
                    )
                    .bind(id)
                    .fetch_one(self.reader())
                    .await
                    .map_err($crate::sql::db_err)?;
                Ok($crate::Plenum { id, committee_id, org_id, ordinal, title, starts_on, ends_on, place })
            }

            async fn add_agenda_item(&self, actor: &$crate::Actor, new: $crate::input::NewAgendaItem) -> $crate::StoreResult<$crate::AgendaItem> {
                use $crate::sql::db_err;
                let new = new.validate()?;
                let plenum = self.plenum(new.plenum_id).await?;
                let mut tx = self.begin().await?;
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO agenda_items (plenum_id, ordinal, title, kind, presenter) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(new.plenum_id)
                .bind(new.ordinal)
                .bind(&new.title)
                .bind(&new.kind)
                .bind(&new.presenter)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                let item = $crate::AgendaItem { id, plenum_id: new.plenum_id, ordinal: new.ordinal, title: new.title, kind: new.kind, presenter: new.presenter };
                let scope = $crate::Scope { org_id: Some(plenum.org_id), plenum_id: Some(plenum.id) };
                self.commit_change(tx, actor, "agenda_item.added", scope, $crate::sql::json!(&item)).await?;
                Ok(item)
            }

            async fn agenda_items(&self, plenum_id: i64) -> $crate::StoreResult<Vec<$crate::AgendaItem>> {
                let rows: Vec<(i64, i64, i64, String, String, String)> =
                    ::sqlx::query_as("SELECT id, plenum_id, ordinal, title, kind, presenter FROM agenda_items WHERE plenum_id = $1 ORDER BY ordinal")
                        .bind(plenum_id)
                        .fetch_all(self.reader())
                        .await
                        .map_err($crate::sql::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, plenum_id, ordinal, title, kind, presenter)| $crate::AgendaItem { id, plenum_id, ordinal, title, kind, presenter })
                    .collect())
            }

            async fn create_group(&self, actor: &$crate::Actor, new: $crate::input::NewGroup) -> $crate::StoreResult<$crate::DiscussionGroup> {
                use $crate::sql::db_err;
                let new = new.validate()?;
                let plenum = self.plenum(new.plenum_id).await?;
                let mut tx = self.begin().await?;
                let (id,): (i64,) = ::sqlx::query_as(
                    "INSERT INTO discussion_groups (plenum_id, name, leader_member_id, secretary_member_id) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(new.plenum_id)
                .bind(&new.name)
                .bind(new.leader_member_id)
                .bind(new.secretary_member_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?;
                for m in &new.member_ids {
                    ::sqlx::query("INSERT INTO group_members (group_id, member_id) VALUES ($1, $2)")
                        .bind(id)
                        .bind(m)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                }
                let g = $crate::DiscussionGroup {
                    id,
                    plenum_id: new.plenum_id,
                    name: new.name,
                    leader_member_id: new.leader_member_id,
                    secretary_member_id: new.secretary_member_id,
                    member_ids: new.member_ids,
                };
                let scope = $crate::Scope { org_id: Some(plenum.org_id), plenum_id: Some(plenum.id) };
                self.commit_change(tx, actor, "group.created", scope, $crate::sql::json!(&g)).await?;
                Ok(g)
            }

            async fn groups(&self, plenum_id: i64) -> $crate::StoreResult<Vec<$crate::DiscussionGroup>> {
                use $crate::sql::db_err;
                let rows: Vec<(i64, i64, String, Option<i64>, Option<i64>)> = ::sqlx::query_as(
                    "SELECT id, plenum_id, name, leader_member_id, secretary_member_id FROM discussion_groups WHERE plenum_id = $1 ORDER BY id",
                )
                .bind(plenum_id)
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
                let links: Vec<(i64, i64)> = ::sqlx::query_as(
                    "SELECT gm.group_id, gm.member_id FROM group_members gm JOIN discussion_groups g ON g.id = gm.group_id
                     WHERE g.plenum_id = $1 ORDER BY gm.group_id, gm.member_id",
                )
                .bind(plenum_id)
                .fetch_all(self.reader())
                .await
                .map_err(db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, plenum_id, name, leader_member_id, secretary_member_id)| $crate::DiscussionGroup {
                        id,
                        plenum_id,
                        name,
                        leader_member_id,
                        secretary_member_id,
                        member_ids: links.iter().filter(|l| l.0 == id).map(|l| l.1).collect(),
                    })
                    .collect())
            }
        }
    };
}
