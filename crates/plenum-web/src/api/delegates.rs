//! API: delegates, their import from a file, attendance, and the live quorum.

use crate::routes::{get, post, Routes};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use plenum_app::conduct::attendance;
use plenum_app::prepare::delegates::{self, AddDelegate};
use plenum_store::Delegate;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::conduct::roster;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

/// This part's paths and schemas, merged into the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(list, add, import, set_attendance, quorum),
    components(schemas(Delegate, AddDelegate, ImportReport, ImportRow, Problem, AttendanceChange, QuorumBody))
)]
pub struct Api;

pub fn router() -> Routes {
    Routes::new()
        .route("/plenums/{id}/delegates", get(list).post(add))
        .route("/plenums/{id}/delegates/import", post(import).body_limit(delegates::MAX_UPLOAD))
        .route("/delegates/{id}/attendance", post(set_attendance))
        .route("/plenums/{id}/quorum", get(quorum))
}

/// Everyone summoned: members first, then guests, with attendance.
#[utoipa::path(get, path = "/api/v1/plenums/{id}/delegates", security(("bearer" = [])),
    responses((status = 200, body = Vec<Delegate>), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Delegate>>, AppError> {
    Ok(Json(delegates::list(&state.app, &user, id).await?))
}

/// Summon one person: an invited guest, or a committee member.
#[utoipa::path(post, path = "/api/v1/plenums/{id}/delegates", request_body = AddDelegate, security(("bearer" = [])),
    responses((status = 201, body = Delegate), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(a): Json<AddDelegate>,
) -> Result<(StatusCode, Json<Delegate>), AppError> {
    Ok((StatusCode::CREATED, Json(delegates::add(&state.app, &user, id, a).await?)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Only check the file (the default); `false` imports it if every row is valid.
    dry_run: Option<bool>,
}

/// One problem, with its message in the caller's language.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    pub code: String,
    pub message: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportRow {
    /// The line (CSV) or row number (spreadsheet).
    pub line: usize,
    pub full_name: String,
    pub title: String,
    pub unit: String,
    pub role: String,
    pub group: String,
    /// "member" or "guest", when the role was understood.
    pub kind: Option<String>,
    pub member_id: Option<i64>,
    pub group_id: Option<i64>,
    pub problems: Vec<Problem>,
}

/// What an import found, and did.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    /// Every row is valid: the file can be (or was) imported.
    pub importable: bool,
    pub dry_run: bool,
    /// Delegates created (0 on a dry run or when refused).
    pub imported: usize,
    /// A problem with the whole file (no header, unreadable…), if any.
    pub file_problem: Option<Problem>,
    /// The encoding a CSV file was read in ("UTF-8", "UTF-16 LE", "UTF-16 BE",
    /// "Windows-1258"); absent for a spreadsheet or an unreadable file.
    pub encoding: Option<String>,
    pub rows: Vec<ImportRow>,
}

/// Import delegates from a CSV file or a spreadsheet (XLSX, XLS, ODS) sent as
/// the request body. Columns, found by their header in Vietnamese or English:
/// name (Họ và tên), title (Chức vụ), unit (Đơn vị), role (Vai trò: ủy viên or
/// khách mời), group (Tổ). All rows or none are imported.
#[utoipa::path(post, path = "/api/v1/plenums/{id}/delegates/import", params(ImportQuery), security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "text/csv", description = "The CSV or spreadsheet file's bytes"),
    responses((status = 200, body = ImportReport, description = "Checked (dry run) or imported"),
        (status = 422, body = ImportReport, description = "Some row or the file has a problem; nothing was imported"),
        (status = 403, body = super::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<ImportQuery>,
    body: Bytes,
) -> Result<Response, AppError> {
    // Who may import is checked before the file is read.
    plenum_app::prepare::plenums::prepared(&state.app, &user, id).await?;
    let lang = Lang::for_api(&headers);
    let dry_run = q.dry_run.unwrap_or(true);
    let delegates::ReadList { rows, encoding } =
        match delegates::read_upload(body, state.config.limits.read_deadline()).await {
            Ok(list) => list,
            Err(p) => {
                let report = ImportReport {
                    importable: false,
                    dry_run,
                    imported: 0,
                    file_problem: Some(Problem { code: p.code().into(), message: roster::upload_message(lang, &p) }),
                    encoding: None,
                    rows: vec![],
                };
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response());
            }
        };
    let delegates::Imported { rows, importable: ok, imported } =
        delegates::import(&state.app, &user, id, &rows, dry_run).await?;
    let rows = rows
        .into_iter()
        .map(|c| ImportRow {
            problems: c
                .problems
                .iter()
                .map(|p| Problem { code: p.code.into(), message: roster::problem_message(lang, p) })
                .collect(),
            line: c.row.line,
            full_name: c.row.full_name,
            title: c.row.title,
            unit: c.row.unit,
            role: c.row.role,
            group: c.row.group,
            kind: c.kind.map(|k| k.as_str().to_string()),
            member_id: c.member_id,
            group_id: c.group_id,
        })
        .collect();
    let status = if ok { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((
        status,
        Json(ImportReport {
            importable: ok,
            dry_run,
            imported,
            file_problem: None,
            encoding: encoding.map(|e| e.label().to_string()),
            rows,
        }),
    )
        .into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AttendanceChange {
    /// present, late, absent, left or expected.
    pub attendance: String,
    /// Why absent (or left); may be empty.
    #[serde(default)]
    pub reason: String,
    /// The delegate's version as last read; a newer one refuses the change (409 `stale`).
    pub version: Option<i64>,
}

/// Record a delegate's attendance (the secretaries).
#[utoipa::path(post, path = "/api/v1/delegates/{id}/attendance", request_body = AttendanceChange, security(("bearer" = [])),
    responses((status = 200, body = Delegate), (status = 403, body = super::ErrorBody), (status = 409, body = super::ErrorBody, description = "`stale`: changed by someone else since read"), (status = 422, body = super::ErrorBody)))]
pub async fn set_attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(c): Json<AttendanceChange>,
) -> Result<Json<Delegate>, AppError> {
    Ok(Json(attendance::set(&state.app, &user, id, &c.attendance, &c.reason, c.version).await?))
}

/// The live quorum: members in the room out of all members (guests apart).
#[derive(Serialize, utoipa::ToSchema)]
pub struct QuorumBody {
    /// All members summoned (the base of every majority).
    pub members: u32,
    /// Members in the room: present or late.
    pub present: u32,
    pub late: u32,
    pub absent: u32,
    pub left: u32,
    pub not_checked_in: u32,
    /// Votes needed to pass a decision: more than half of all members (Điều lệ Đảng, art. 9(5)).
    pub needed_to_pass: u32,
    /// Can the members in the room still pass a decision?
    pub can_pass: bool,
    /// Members required in the room by the attendance rule.
    pub attendance_required: u32,
    pub attendance_met: bool,
    /// The attendance rule as a fraction of all members, e.g. [2, 3].
    pub attendance_fraction: [u32; 2],
    pub guests: u32,
    pub guests_present: u32,
}

#[utoipa::path(get, path = "/api/v1/plenums/{id}/quorum", security(("bearer" = [])),
    responses((status = 200, body = QuorumBody), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn quorum(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<QuorumBody>, AppError> {
    let v = attendance::quorum_now(&state.app, &user, id).await?;
    let (s, t) = (&v.status, &v.tally);
    Ok(Json(QuorumBody {
        members: s.members,
        present: s.present,
        late: t.members_late,
        absent: t.members_absent,
        left: t.members_left,
        not_checked_in: t.members_expected,
        needed_to_pass: s.needed_to_pass,
        can_pass: s.can_pass,
        attendance_required: s.attendance_required,
        attendance_met: s.attendance_met,
        attendance_fraction: [v.attendance_fraction.0, v.attendance_fraction.1],
        guests: t.guests,
        guests_present: t.guests_in_room,
    }))
}
