//! The workspace's GET filter form, read into the use case's filter. Every
//! field arrives as text: an empty choice is "any", and a choice that is not
//! one of the form's is ignored rather than refused, as the form only offers valid ones.

use plenum_app::synthesize::workspace::Filter;
use plenum_core::conduct::record::Stance;
use serde::{Deserialize, Serialize};

/// The longest free text searched for.
const MAX_TEXT: usize = 200;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Ask {
    #[serde(default)]
    pub item: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub stance: String,
    #[serde(default)]
    pub disposition: String,
    #[serde(default)]
    pub delegate: String,
    #[serde(default)]
    pub q: String,
}

impl Ask {
    pub fn filter(&self) -> Filter {
        let id = |s: &str| s.trim().parse::<i64>().ok();
        Filter {
            item: id(&self.item),
            group: id(&self.group),
            stance: Stance::parse(&self.stance),
            disposition: Some(self.disposition.trim().to_string()).filter(|d| !d.is_empty()),
            delegate: id(&self.delegate),
            text: self.q.chars().take(MAX_TEXT).collect(),
        }
    }

    /// The query string that reopens the same view, for going back after a form.
    pub fn query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}
