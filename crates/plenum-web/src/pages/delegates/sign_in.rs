//! The tablet sign-in codes of every delegate, printed at once (the office).
//! A POST, not a link: printing issues new one-time links.

use crate::routes::{post, Routes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use plenum_app::prepare::delegates::{self, SlipLink};

use super::group_name;
use crate::conduct::roster::origin;
use crate::error::AppError;
use crate::pages::Chrome;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new().route("/plenums/{id}/sign-in-codes", post(sheet).back_to("/plenums/{id}/delegates"))
}

/// The sheet as a PDF download: a slip with a QR code per delegate given a
/// link, then those given none, with the reason.
pub async fn sheet(
    State(state): State<AppState>,
    c: Chrome,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (plenum, issued) = delegates::issue_links(&state.app, c.require_user()?, id).await?;
    let groups = state.store.groups(id).await?;
    let origin = origin(&headers, state.config.secure_cookies);
    let lang = c.t.0;
    let slips: Vec<plenum_docs::SignInSlip> = issued
        .iter()
        .map(|(d, link)| plenum_docs::SignInSlip {
            name: d.full_name.clone(),
            unit: d.unit.clone(),
            kind: lang.t(&format!("dlg-badge-{}", d.kind)),
            group: group_name(&groups, d),
            link: match link {
                SlipLink::Issued(secret) => Some(format!("{origin}/d/{secret}")),
                SlipLink::SignedIn | SlipLink::OtherRole => None,
            },
            note: match link {
                SlipLink::Issued(_) => String::new(),
                SlipLink::SignedIn => lang.t("codes-signed-in"),
                SlipLink::OtherRole => lang.t("codes-other-role"),
            },
        })
        .collect();
    let labels = plenum_docs::SignInLabels {
        title: lang.t_args("codes-title", &[("plenum", plenum.title.clone())]),
        hint: lang.t("codes-hint"),
        without_title: lang.t("codes-without"),
    };
    // Typesetting is CPU work; keep it off the async workers.
    let pdf = tokio::task::spawn_blocking(move || plenum_docs::sign_in_pdf(&labels, &slips))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    let name = format!("ma-dang-nhap-{id}.pdf");
    let disposition = format!("attachment; filename=\"{name}\"; filename*=UTF-8''{name}");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            // The sheet carries one-time links: keep it out of every cache.
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        pdf,
    )
        .into_response())
}
