//! The organization tree as scope checks read it.

use std::collections::HashMap;
use std::sync::RwLock;

use plenum_store::Store;

/// Organization → parent. Organizations are never moved or deleted, so
/// entries stay valid; a miss reloads the whole tree.
#[derive(Debug, Default)]
pub struct OrgCache {
    parents: RwLock<HashMap<i64, Option<i64>>>,
}

impl OrgCache {
    /// The organization and its ancestors, nearest first.
    pub async fn path(&self, store: &dyn Store, org_id: i64) -> anyhow::Result<Vec<i64>> {
        if !self.parents.read().expect("lock").contains_key(&org_id) {
            let orgs = store.organizations().await?;
            let mut map = self.parents.write().expect("lock");
            for o in orgs {
                map.insert(o.id, o.parent_id);
            }
        }
        let map = self.parents.read().expect("lock");
        let mut path = Vec::new();
        let mut at = Some(org_id);
        while let Some(id) = at {
            if path.contains(&id) || !map.contains_key(&id) {
                break;
            }
            path.push(id);
            at = map[&id];
        }
        Ok(path)
    }
}
