//! Organizations form a hierarchy: central → city/province → district → grassroots.

use serde::{Deserialize, Serialize};

/// The level of a Party organization (cấp: Trung ương, tỉnh/thành phố, quận/huyện, cơ sở).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgLevel {
    Central,
    City,
    District,
    Grassroots,
}

impl OrgLevel {
    pub const ALL: [OrgLevel; 4] = [OrgLevel::Central, OrgLevel::City, OrgLevel::District, OrgLevel::Grassroots];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgLevel::Central => "central",
            OrgLevel::City => "city",
            OrgLevel::District => "district",
            OrgLevel::Grassroots => "grassroots",
        }
    }

    pub fn parse(s: &str) -> Option<OrgLevel> {
        OrgLevel::ALL.into_iter().find(|l| l.as_str() == s.trim())
    }

    /// A child sits strictly below its parent; only the central level has no parent.
    pub fn may_sit_under(self, parent: Option<OrgLevel>) -> bool {
        match parent {
            None => self == OrgLevel::Central,
            Some(p) => self > p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy_goes_downwards_only() {
        assert!(OrgLevel::Central.may_sit_under(None));
        assert!(!OrgLevel::City.may_sit_under(None));
        assert!(OrgLevel::City.may_sit_under(Some(OrgLevel::Central)));
        assert!(OrgLevel::Grassroots.may_sit_under(Some(OrgLevel::City)));
        assert!(!OrgLevel::City.may_sit_under(Some(OrgLevel::District)));
        assert!(!OrgLevel::District.may_sit_under(Some(OrgLevel::District)));
    }
}
