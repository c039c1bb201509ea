//! This backend's migrations, embedded. Never edit or renumber one that has shipped.

pub fn migrator() -> sqlx::migrate::Migrator {
    plenum_store::store::migrator(&[
        (1, "foundation", include_str!("../migrations/0001_foundation.sql")),
        (2, "conduct", include_str!("../migrations/0002_conduct.sql")),
        (3, "disabled_accounts", include_str!("../migrations/0003_disabled_accounts.sql")),
        (4, "sittings", include_str!("../migrations/0004_sittings.sql")),
        (5, "agenda_programme", include_str!("../migrations/0005_agenda_programme.sql")),
        (7, "screen_links", include_str!("../migrations/0007_screen_links.sql")),
        (8, "synthesis", include_str!("../migrations/0008_synthesis.sql")),
        (9, "search", include_str!("../migrations/0009_search.sql")),
        (10, "decide", include_str!("../migrations/0010_decide.sql")),
    ])
}
