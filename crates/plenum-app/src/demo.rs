//! Demo mode: the seed's plenum plus one account for each role. The server
//! loads it with `--demo`; tests load it as their fixture.

use plenum_core::access::{Grant, GrantScope, Role};
use plenum_store::input::NewUser;
use plenum_store::{Actor, Store};

use crate::accounts::secrets::hash_password;

/// A demo account, printed at start-up in demo mode only.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub username: &'static str,
    pub password: &'static str,
    pub role: Role,
}

/// Usernames and display names for each role; `member` links the account to a committee member.
const ACCOUNTS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "Trần Minh Quân (quản trị)", Role::Admin, None),
    ("thuky", "Đỗ Thị Hồng Nhung (Văn phòng)", Role::Secretary, None),
    ("chutri", "Chủ trì Hội nghị", Role::Chair, Some("m01")),
    ("daibieu", "Đại biểu", Role::Delegate, Some("m30")),
    ("khachmoi", "Phạm Quốc Khánh (khách mời)", Role::Guest, None),
    // Tổ 1's secretary (m20 in the data), who records that group's sessions.
    ("thukyto", "Phùng Thị Thu Hà (thư ký Tổ 1)", Role::GroupSecretary, Some("m20")),
    ("canbo", "Ngô Đức Thịnh (Ban Tổ chức Thành ủy)", Role::TaskOfficer, None),
    ("kiemtra", "Lương Thị Mai (kiểm tra)", Role::Auditor, None),
];

pub fn accounts() -> Vec<DemoAccount> {
    ACCOUNTS.iter().map(|(u, _, role, _)| DemoAccount { username: u, password: password_for(u), role: *role }).collect()
}

fn password_for(username: &str) -> &'static str {
    match username {
        "admin" => "admin-2023",
        "thuky" => "thuky-2023",
        "chutri" => "chutri-2023",
        "daibieu" => "daibieu-2023",
        "khachmoi" => "khachmoi-2023",
        "thukyto" => "thukyto-2023",
        "canbo" => "canbo-2023",
        _ => "kiemtra-2023",
    }
}

/// Load the demo plenum and its accounts into an empty database.
pub async fn load(store: &dyn Store) -> anyhow::Result<Vec<DemoAccount>> {
    let ids = plenum_store::demo::load(store).await?;
    let data = plenum_store::demo::data();
    let actor = Actor::system("demo");
    for (username, display_name, role, member) in ACCOUNTS {
        let password_hash = hash_password(password_for(username))?;
        // An account linked to a committee member carries that member's name.
        let display_name = member
            .and_then(|key| data.committee.members.iter().find(|m| m.key == key))
            .map(|m| m.full_name.clone())
            .unwrap_or_else(|| display_name.to_string());
        let user =
            store.create_user(&actor, NewUser { username: username.to_string(), display_name, password_hash }).await?;
        // Office-wide roles hold at the city organization; people of this plenum hold it on the plenum.
        let scope = match role {
            Role::Admin => GrantScope { org: None, plenum: None },
            Role::Secretary | Role::Chair | Role::TaskOfficer | Role::Auditor => {
                GrantScope { org: Some(ids.org_id), plenum: None }
            }
            Role::Delegate | Role::Guest | Role::GroupSecretary => {
                GrantScope { org: None, plenum: Some(ids.plenum_id) }
            }
        };
        store.grant_role(&actor, user.id, Grant { role: *role, scope }).await?;
        if let Some(key) = member {
            store.link_member(&actor, ids.members[*key], user.id).await?;
            store.link_delegate_user(&actor, ids.delegates[*key], user.id).await?;
        }
        // The task officer works for the body presenting item 1, and answers its opinions.
        if *role == Role::TaskOfficer {
            if let Some(body_id) = store.agenda_item(ids.items[&1]).await?.body_id {
                store.add_body_officer(&actor, body_id, user.id).await?;
            }
        }
    }
    Ok(accounts())
}
