//! Pages for preparing a plenum and reading its documents: convening a
//! plenum, its agenda, the documents of each item with their versions, and
//! reading a version passage by passage, where delegates send written opinions.

mod convene;
mod library;
mod reading;

use crate::routes::{get, post, Routes};
use plenum_core::FieldErrors;

use crate::api::documents::UPLOAD_BODY_LIMIT;
use crate::i18n::Tr;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/new", get(convene::form).post(convene::submit))
        .route("/plenums/{id}/documents", get(library::list))
        .route(
            "/plenums/{id}/items/{item_id}/documents",
            post(library::create).body_limit(UPLOAD_BODY_LIMIT).back_to("/plenums/{id}/documents"),
        )
        .route("/documents/{id}", get(reading::latest))
        .route(
            "/documents/{id}/versions",
            post(library::add_version).body_limit(UPLOAD_BODY_LIMIT).back_to("/documents/{id}"),
        )
        .route("/documents/{id}/versions/{number}", get(reading::show))
        .route(
            "/documents/{id}/versions/{number}/opinions",
            post(reading::send_opinion).back_to("/documents/{id}/versions/{number}"),
        )
}

/// A form's problems: (field, message in the page language), shown in a list
/// at the top of the form and next to each field.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(pub Vec<(String, String)>);

impl FormErrors {
    /// Field labels come from this part's catalog: `doc-label-{context}-{field}`
    /// where a form names a field its own way ("title" of an item), else `doc-label-{field}`.
    pub fn from_fields(t: Tr, context: &str, e: &FieldErrors) -> FormErrors {
        let label = |field: &str| {
            let own = format!("doc-label-{context}-{field}");
            if t.0.has(&own) {
                t.s(&own)
            } else {
                t.s(&format!("doc-label-{field}"))
            }
        };
        FormErrors(crate::pages::labelled_errors(t.0, e, label))
    }

    /// One message for one field, e.g. a conflict the store reported.
    pub fn one(field: &str, message: String) -> FormErrors {
        FormErrors(vec![(field.to_string(), message)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }
}

/// A size in bytes as people read it: "12,5 KB" in Vietnamese, "12.5 KB" in English.
pub fn size_label(t: Tr, bytes: i64) -> String {
    let (value, unit) = match bytes {
        b if b < 1024 => return format!("{b} B"),
        b if b < 1024 * 1024 => (b as f64 / 1024.0, "KB"),
        b => (b as f64 / (1024.0 * 1024.0), "MB"),
    };
    let s = format!("{value:.1} {unit}");
    if t.lang() == "vi" {
        s.replace('.', ",")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn sizes_read_naturally_in_each_language() {
        assert_eq!(size_label(Tr(Lang::Vi), 800), "800 B");
        assert_eq!(size_label(Tr(Lang::Vi), 12_800), "12,5 KB");
        assert_eq!(size_label(Tr(Lang::En), 3 * 1024 * 1024), "3.0 MB");
    }
}
