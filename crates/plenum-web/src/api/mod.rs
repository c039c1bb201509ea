//! The JSON API under `/api/v1`. It takes the same session cookie as the pages
//! or a bearer token from `plenum token create`; its OpenAPI 3.1 document is
//! generated from the handlers and served at `/api/openapi.json`.

pub mod agenda;
pub mod conduct;
mod contract;
pub mod delegates;
pub mod desk;
pub mod documents;
pub mod floor;
pub mod organizations;
pub mod plenums;
pub mod polls;
pub mod search;
pub mod session;
pub mod synthesis;
pub mod users;

use crate::routes::{delete, get, post, Routes};
use axum::Json;
use serde::Serialize;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Plenum API", description = "Runs a committee's plenum from agenda to follow-up."),
    paths(
        session::login,
        session::logout,
        session::logout_everywhere,
        session::me,
        users::list,
        users::create,
        users::disable,
        organizations::list,
        organizations::create,
        organizations::committees,
        organizations::members,
        plenums::list,
        plenums::get_one,
        plenums::create,
        plenums::agenda,
        plenums::add_item,
        plenums::groups,
        plenums::history,
        conduct::statistics,
        search::search,
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        FieldDetail,
        session::Credentials,
        session::Me,
        users::NewAccount,
        plenum_store::User,
        plenum_store::Organization,
        plenum_store::Committee,
        plenum_store::Member,
        plenum_store::Plenum,
        plenum_store::AgendaItem,
        plenum_store::DiscussionGroup,
        plenum_store::input::NewOrganization,
        plenum_store::input::NewPlenum,
        plenum_store::input::NewAgendaItem,
        plenums::Entry,
        plenums::ItemBody,
        conduct::StatisticsBody,
        search::Hit,
        search::SearchBody,
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every API error has this shape, with a 4xx or 5xx status.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine code, e.g. `invalid-input`, `forbidden`, `duplicate`.
    pub code: String,
    /// Human message in the caller's language (Accept-Language or the language cookie).
    pub message: String,
    pub fields: Vec<FieldDetail>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldDetail {
    pub field: String,
    pub code: String,
    pub message: String,
}

pub fn router() -> Routes {
    Routes::new()
        .route("/session", post(session::login).delete(session::logout))
        .route("/sessions", delete(session::logout_everywhere))
        .route("/me", get(session::me))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}/disable", post(users::disable))
        .route("/organizations", get(organizations::list).post(organizations::create))
        .route("/organizations/{id}/committees", get(organizations::committees))
        .route("/committees/{id}/members", get(organizations::members))
        .route("/plenums", get(plenums::list).post(plenums::create))
        .route("/plenums/{id}", get(plenums::get_one))
        .route("/plenums/{id}/agenda-items", get(plenums::agenda).post(plenums::add_item))
        .route("/plenums/{id}/groups", get(plenums::groups))
        .route("/plenums/{id}/statistics", get(conduct::statistics))
        .route("/plenums/{id}/search", get(search::search))
        .route("/history", get(plenums::history))
        .route("/events", get(crate::live::events))
        .merge(agenda::router())
        .merge(documents::router())
        .merge(delegates::router())
        .merge(floor::router())
        .merge(desk::router())
        .merge(synthesis::router())
        .merge(polls::router())
        .merge(crate::exports::synthesis::router())
        .merge(crate::exports::polls::router())
}

/// The whole document: the parts merged, then every operation completed with
/// its path parameters and the refusals any route may answer.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut parts = parts().into_iter();
    let mut doc = parts.next().unwrap_or_default();
    for part in parts {
        doc.merge(part);
    }
    contract::complete(&mut doc);
    doc
}

/// Each part's own document. Merging keeps the first schema of a name, so two
/// parts must never give one name to two different schemas (tested below).
fn parts() -> Vec<utoipa::openapi::OpenApi> {
    vec![
        ApiDoc::openapi(),
        agenda::Api::openapi(),
        documents::Api::openapi(),
        delegates::Api::openapi(),
        floor::Api::openapi(),
        desk::Api::openapi(),
        synthesis::Api::openapi(),
        polls::Api::openapi(),
        crate::exports::synthesis::Api::openapi(),
        crate::exports::polls::Api::openapi(),
    ]
}

pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    /// A schema name used by two parts for two shapes would leave one of
    /// them described by the other's schema in the merged document.
    #[test]
    fn no_two_parts_give_one_schema_name_two_shapes() {
        let mut seen: HashMap<String, serde_json::Value> = HashMap::new();
        for part in super::parts() {
            for (name, schema) in part.components.map(|c| c.schemas).unwrap_or_default() {
                let shape = serde_json::to_value(&schema).unwrap();
                if let Some(earlier) = seen.insert(name.clone(), shape.clone()) {
                    assert_eq!(earlier, shape, "two schemas named {name}");
                }
            }
        }
        assert!(seen.contains_key("SynthesisItem") && seen.contains_key("ItemBody"));
    }
}
