//! Text pasted from an old office file may be in a legacy Vietnamese font
//! encoding (TCVN3 "Hµ Néi", VNI "Haø Noäi"). It is never converted
//! silently: a form whose text looks so is shown again with the converted
//! text to compare, and the writer chooses to convert it or keep it as typed
//! (the form's `pasted` field: `convert` or `keep`).

use plenum_core::text::legacy::{detect, to_unicode, Legacy};
use plenum_core::FieldErrors;

/// The converted text, shown beside what was typed.
pub struct Preview {
    /// The message naming the encoding (`pasted-from-tcvn3`, `pasted-from-vni`).
    pub key: String,
    pub converted: String,
}

/// The preview of a form's text, when it looks like legacy-encoded text.
pub fn preview(text: &str) -> Option<Preview> {
    detect(text)
        .map(|from| Preview { key: format!("pasted-from-{}", from.as_str()), converted: to_unicode(text, from) })
}

/// The text to save: as typed unless it looks legacy-encoded, in which case
/// `choice` must say whether to convert it; without a choice, the field
/// error that shows the preview.
pub fn resolve(field: &str, text: &str, choice: &str) -> Result<String, FieldErrors> {
    let Some(from) = detect(text) else { return Ok(text.to_string()) };
    match choice {
        "convert" => Ok(to_unicode(text, from)),
        "keep" => Ok(text.to_string()),
        _ => {
            let mut e = FieldErrors::default();
            e.push(field, if from == Legacy::Vni { "legacy-vni" } else { "legacy-tcvn3" });
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_text_waits_for_a_choice() {
        let typed = "§¶ng bé thµnh phè Hµ Néi";
        assert_eq!(resolve("text", typed, "").unwrap_err().0[0].code, "legacy-tcvn3");
        assert_eq!(resolve("text", typed, "convert").unwrap(), "Đảng bộ thành phố Hà Nội");
        assert_eq!(resolve("text", typed, "keep").unwrap(), typed);
        assert_eq!(resolve("text", "Đảng bộ thành phố Hà Nội", "").unwrap(), "Đảng bộ thành phố Hà Nội");
        assert_eq!(preview(typed).unwrap().converted, "Đảng bộ thành phố Hà Nội");
    }
}
