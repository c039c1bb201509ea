//! Conducting a plenum through the API: statistics.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde::Serialize;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// The discussion's figures, computed from the records, e.g.
/// `"summary_vi": "59 lượt phát biểu với 130 ý kiến về 13 nội dung"`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct StatisticsBody {
    pub speeches: u32,
    pub opinions: u32,
    pub items_discussed: u32,
    #[schema(value_type = Vec<Object>)]
    pub by_item: Vec<plenum_core::conduct::statistics::ItemStats>,
    #[schema(value_type = Vec<Object>)]
    pub by_group: Vec<plenum_core::conduct::statistics::GroupStats>,
    #[schema(value_type = Vec<Object>)]
    pub by_delegate: Vec<plenum_core::conduct::statistics::DelegateStats>,
    pub summary_vi: String,
    pub summary_en: String,
}

#[utoipa::path(get, path = "/api/v1/plenums/{id}/statistics", security(("bearer" = [])),
    responses((status = 200, body = StatisticsBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn statistics(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<StatisticsBody>, AppError> {
    let hall = Lang::for_api(&headers).t("stats-hall");
    let (_, s) = plenum_app::conduct::statistics::of_plenum(&state.app, &user, id, &hall).await?;
    let summary_en = plenum_core::conduct::statistics::summary_en(s.speeches, s.opinions, s.items_discussed);
    Ok(Json(StatisticsBody {
        speeches: s.speeches,
        opinions: s.opinions,
        items_discussed: s.items_discussed,
        by_item: s.by_item,
        by_group: s.by_group,
        by_delegate: s.by_delegate,
        summary_vi: s.summary_vi,
        summary_en,
    }))
}
