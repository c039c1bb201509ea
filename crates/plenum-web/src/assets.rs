//! Static files, embedded in the binary, served with an ETag.

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Assets;

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ttf") => "font/ttf",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

pub async fn serve(Path(path): Path<String>, headers: HeaderMap) -> Response {
    asset(&path, &headers)
}

/// Browsers ask for `/favicon.ico` at the root whatever a page links to.
pub async fn favicon(headers: HeaderMap) -> Response {
    asset("favicon.ico", &headers)
}

fn asset(path: &str, headers: &HeaderMap) -> Response {
    let Some(file) = Assets::get(path) else {
        return crate::error::AppError::NotFound.into_response();
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    (
        [
            (header::CONTENT_TYPE, content_type(path).to_string()),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, "public, max-age=300".to_string()),
        ],
        file.data.into_owned(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::Assets;

    fn css(name: &str) -> String {
        String::from_utf8(Assets::get(name).unwrap().data.into_owned()).unwrap()
    }

    /// `#rrggbb` for a custom property declared in plenum.css's `:root` (one level of `var()`).
    fn colour(root: &str, name: &str) -> String {
        let value = root.split(&format!("--{name}:")).nth(1).unwrap().split(';').next().unwrap().trim().to_string();
        match value.strip_prefix("var(--").and_then(|v| v.strip_suffix(')')) {
            Some(other) => colour(root, other),
            None => value,
        }
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let lum = |hex: &str| {
            // "#fff" is "#ffffff".
            let hex = if hex.len() == 4 { hex.chars().flat_map(|c| [c, c]).skip(1).collect() } else { hex.to_string() };
            let c: Vec<f64> = (0..3)
                .map(|i| u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap() as f64 / 255.0)
                .map(|c| if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) })
                .collect();
            0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Every focus ring is the one `--focus` colour, and it stands out at
    /// least 3:1 (WCAG 1.4.11) from every ground it is drawn on: the light
    /// pages, and, where `--focus` is set to gold, the red bar and the projector.
    #[test]
    fn the_focus_ring_stands_out_from_every_background() {
        let plenum = css("plenum.css");
        let root = plenum.split('}').next().unwrap();
        let ring = colour(root, "focus");
        let light = ["#f7f6f3", "#ffffff", "#efece6", "#fff8e1", "#fbf3d5", "#faf8f2", "#fffbea", "#f6f4ef", "#fdecee"];
        for ground in [colour(root, "bg"), colour(root, "card")].iter().map(String::as_str).chain(light) {
            assert!(contrast(&ring, ground) >= 3.0, "{ring} on {ground}: {:.2}", contrast(&ring, ground));
        }
        let gold = colour(root, "gold");
        assert!(plenum.contains(".bar { --focus: var(--gold);"), "the red bar rings in gold");
        assert!(css("floor.css").contains("body.projector { --focus: var(--gold);"), "so does the projector");
        for ground in [colour(root, "red").as_str(), "#07080c", "#12141c"] {
            assert!(contrast(&gold, ground) >= 3.0, "{gold} on {ground}: {:.2}", contrast(&gold, ground));
        }
        for name in ["plenum.css", "desk.css", "floor.css", "documents.css", "delegates.css"] {
            for rule in css(name).split('}') {
                if rule.contains(":focus") && rule.contains("outline:") && !rule.contains("outline: none") {
                    assert!(rule.contains("var(--focus)"), "{name}: {rule}");
                }
            }
        }
    }
}
