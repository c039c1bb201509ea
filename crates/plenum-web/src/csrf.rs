//! Where a state-changing request presents its CSRF token: the
//! `X-CSRF-Token` header, or a form field named `csrf`. Never the URL, where
//! logs and `Referer` headers would keep it. In a multipart form (an upload)
//! the field comes first, so it is read without reading the file.

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::http::request::Parts;
use futures_util::StreamExt;

use crate::error::AppError;

/// The most of a multipart body read to find its first field.
const MULTIPART_PREFIX: usize = 16 * 1024;
/// A urlencoded form is read whole; forms are small.
const FORM_BYTES: usize = 2 * 1024 * 1024;

/// The CSRF token the request presents, and its body (re-assembled if read).
pub(crate) async fn presented_token(parts: &Parts, body: Body) -> Result<(Option<String>, Body), AppError> {
    if let Some(h) = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return Ok((Some(h.to_string()), body));
    }
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let bytes = axum::body::to_bytes(body, FORM_BYTES).await.map_err(|_| AppError::BadRequest("body-too-large"))?;
        let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|kv| kv.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
        return Ok((token, Body::from(bytes)));
    }
    if content_type.starts_with("multipart/form-data") {
        if let Some(boundary) = boundary(content_type) {
            return first_field_token(&boundary, body).await;
        }
    }
    Ok((None, body))
}

/// The `boundary` parameter of a multipart content type.
fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim().eq_ignore_ascii_case("boundary").then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Read the body until its first part is complete; that part must be the
/// `csrf` field. The bytes read are put back in front of the rest.
async fn first_field_token(boundary: &str, body: Body) -> Result<(Option<String>, Body), AppError> {
    let mut stream = body.into_data_stream();
    let mut prefix = Vec::new();
    let mut token = None;
    while prefix.len() < MULTIPART_PREFIX {
        match stream.next().await {
            Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
            Some(Err(_)) => return Err(AppError::BadRequest("bad-multipart")),
            None => break,
        }
        if let Some(found) = first_part(&prefix, boundary) {
            token = found;
            break;
        }
    }
    let rest = futures_util::stream::once(async move { Ok::<_, axum::Error>(Bytes::from(prefix)) }).chain(stream);
    Ok((token, Body::from_stream(rest)))
}

/// `Some(token)` once the first part is complete in `buf` (the token if the
/// part is the `csrf` field), `None` while more bytes are needed.
fn first_part(buf: &[u8], boundary: &str) -> Option<Option<String>> {
    let opening = format!("--{boundary}\r\n");
    let start = find(buf, opening.as_bytes())? + opening.len();
    let head_end = find(&buf[start..], b"\r\n\r\n")? + start;
    let value_start = head_end + 4;
    let value_end = find(&buf[value_start..], format!("\r\n--{boundary}").as_bytes())? + value_start;
    let head = String::from_utf8_lossy(&buf[start..head_end]).to_ascii_lowercase();
    let is_csrf = head
        .lines()
        .filter(|l| l.starts_with("content-disposition:"))
        .any(|l| l.split(';').any(|p| p.trim() == "name=\"csrf\""));
    Some(is_csrf.then(|| String::from_utf8_lossy(&buf[value_start..value_end]).into_owned()))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_part_is_the_token_once_complete() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx";
        assert_eq!(first_part(body.as_bytes(), "XyZ"), Some(Some("abc123".into())));
        assert_eq!(first_part(&body.as_bytes()[..40], "XyZ"), None, "incomplete");
        let file_first = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--XyZ";
        assert_eq!(first_part(file_first.as_bytes(), "XyZ"), Some(None));
        assert_eq!(boundary("multipart/form-data; boundary=\"XyZ\""), Some("XyZ".into()));
    }
}
