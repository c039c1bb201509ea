//! The roll call over HTTP: the search and status filter without JavaScript,
//! "mark all present" (as a form and in place), a row saved in place with the
//! version check, and who may do which (a group secretary: their own group only).

use crate::common;

use common::{demo_app, password, TestApp};
use plenum_store::Delegate;

const INLINE: &str = "x-plenum-inline";

async fn delegates(app: &TestApp, plenum: i64) -> Vec<Delegate> {
    app.store.delegates(plenum).await.unwrap()
}

/// The ids of the rows a page shows (not hidden by the filter).
fn shown_rows(html: &str) -> Vec<i64> {
    html.split("<tr id=\"d")
        .skip(1)
        .filter(|row| !row.split('>').next().unwrap().contains(" hidden"))
        .map(|row| row.split('"').next().unwrap().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn the_roll_is_searched_by_name_or_unit_and_filtered_by_status_without_javascript() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let all = delegates(&app, id).await;
    let nhung = all.iter().find(|d| d.full_name == "Trần Thị Hồng Nhung").unwrap();
    let page = |q: &str| {
        let c = c.clone();
        let url = app.url(&format!("/plenums/{id}/delegates?{q}"));
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };

    let html = page("").await;
    assert_eq!(shown_rows(&html).len(), all.len(), "every row by default");
    assert!(html.contains("Đang hiển thị 77 trong 77 đại biểu."));
    assert!(html.contains("Điểm danh có mặt tất cả (77 người chưa điểm danh)"));

    // Without diacritics, in any case, a part of the name.
    let html = page("q=TRAN+THI+HONG+nhung").await;
    assert_eq!(shown_rows(&html), [nhung.id]);
    assert!(html.contains("Đang hiển thị 1 trong 77 đại biểu."), "{html}");
    assert!(html.contains("value=\"TRAN THI HONG nhung\""), "the search is kept in its box");

    // By unit: everyone of that unit, and no one else.
    let unit = all.iter().find(|d| !d.unit.is_empty()).unwrap().unit.clone();
    let of_unit: Vec<i64> = all.iter().filter(|d| d.unit.contains(&unit)).map(|d| d.id).collect();
    let html = page(&serde_urlencoded::to_string([("q", &unit)]).unwrap()).await;
    assert!(shown_rows(&html).iter().all(|d| of_unit.contains(d)) && !shown_rows(&html).is_empty());

    // By status: one absent, found as such.
    let res = c
        .post(app.url(&format!("/plenums/{id}/delegates/{}/attendance", nhung.id)))
        .form(&[("csrf", csrf.as_str()), ("attendance", "absent"), ("reason", ""), ("version", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "absent without a reason");
    assert_eq!(shown_rows(&page("status=absent").await), [nhung.id]);
    let html = page("q=khong+co+ai&status=present").await;
    assert!(shown_rows(&html).is_empty());
    assert!(html.contains("Không có đại biểu nào khớp với điều kiện tìm.") && !html.contains("data-roll-none hidden"));
    // An unknown status shows everyone; an overlong search is cut, not refused.
    assert_eq!(shown_rows(&page("status=drop+table").await).len(), all.len());
    assert_eq!(
        c.get(app.url(&format!("/plenums/{id}/delegates?q={}", "a".repeat(5000)))).send().await.unwrap().status(),
        200
    );
}

#[tokio::test]
async fn mark_all_present_keeps_the_absent_and_answers_the_form_or_the_script() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let all = delegates(&app, id).await;
    let away = &all[3];
    let row = app.url(&format!("/plenums/{id}/delegates/{}/attendance", away.id));
    let res = c
        .post(&row)
        .form(&[("csrf", csrf.as_str()), ("attendance", "absent"), ("reason", "Đi công tác"), ("version", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    // Without the script: the form posts and the page comes back, saying how many.
    let url = app.url(&format!("/plenums/{id}/attendance/all-present"));
    let res = c.post(&url).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/plenums/{id}/delegates?marked=76#roll"));
    let after = delegates(&app, id).await;
    assert_eq!(after.iter().filter(|d| d.attendance.as_str() == "present").count(), 76);
    let kept = after.iter().find(|d| d.id == away.id).unwrap();
    assert_eq!((kept.attendance.as_str(), kept.attendance_reason.as_str()), ("absent", "Đi công tác"));
    let html =
        c.get(app.url(&format!("/plenums/{id}/delegates?marked=76"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Đã điểm danh có mặt 76 đại biểu."));
    assert!(html.contains("id=\"roll-all-present\" disabled"), "no one left to mark");

    // With the script: the roll alone comes back, in place; nothing left to mark.
    let res = c.post(&url).header(INLINE, "1").form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.starts_with("<section id=\"roll\""), "{html}");
    assert!(html.contains("Đã điểm danh có mặt 0 đại biểu."));
    assert!(!html.contains("<html"), "a fragment, not a page");
}

#[tokio::test]
async fn a_row_saved_in_place_comes_back_alone_and_an_outdated_one_is_refused_beside_it() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let d = delegates(&app, id).await.remove(0);
    let url = app.url(&format!("/plenums/{id}/delegates/{}/attendance", d.id));
    let save = |attendance: &'static str, reason: &'static str, version: i64| {
        c.post(&url).header(INLINE, "1").form(&[
            ("csrf", csrf.clone()),
            ("attendance", attendance.into()),
            ("reason", reason.into()),
            ("version", version.to_string()),
        ])
    };
    let res = save("absent", "Ốm, có đơn xin phép", d.version).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.starts_with(&format!("<tr id=\"d{}\"", d.id)), "{html}");
    assert_eq!(html.matches("<tr").count(), 1, "only this row");
    assert!(html.contains("Vắng mặt") && html.contains("Ốm, có đơn xin phép") && html.contains("Đã lưu điểm danh."));
    assert!(
        html.contains(&format!("name=\"version\" value=\"{}\"", d.version + 1)),
        "the new version, for the next save"
    );

    // The same version again (another secretary's page): refused, the row as it now stands.
    let res = save("present", "", d.version).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"row-note error\" role=\"alert\">Dữ liệu vừa được người khác thay đổi trước bạn"));
    assert!(html.contains("Ốm, có đơn xin phép"), "nothing overwritten");
    assert_eq!(app.store.delegate(d.id).await.unwrap().attendance.as_str(), "absent");

    // A reason longer than the bound is refused, not cut.
    let long: &'static str = Box::leak("x".repeat(501).into_boxed_str());
    assert_eq!(save("absent", long, d.version + 1).send().await.unwrap().status(), 422);
}

#[tokio::test]
async fn a_group_secretary_takes_only_their_own_groups_roll_and_a_delegate_none() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let groups = app.store.groups(id).await.unwrap();
    let group1 = groups.iter().find(|g| g.name == "Tổ 1").unwrap();
    let in_group1 = |d: &Delegate| {
        d.group_id.map_or_else(|| d.member_id.is_some_and(|m| group1.member_ids.contains(&m)), |g| g == group1.id)
    };
    let all = delegates(&app, id).await;
    let theirs = all.iter().find(|d| !in_group1(d)).unwrap();

    let (c, csrf) = app.login("thukyto", &password("thukyto")).await;
    let res = c
        .post(app.url(&format!("/plenums/{id}/delegates/{}/attendance", theirs.id)))
        .header(INLINE, "1")
        .form(&[("csrf", csrf.as_str()), ("attendance", "present"), ("version", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "another group's delegate, in place too");
    let res = c
        .post(app.url(&format!("/plenums/{id}/attendance/all-present")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let mine = all.iter().filter(|d| in_group1(d)).count();
    assert_eq!(res.headers()["location"], format!("/plenums/{id}/delegates?marked={mine}#roll"));
    for d in delegates(&app, id).await {
        assert_eq!(d.attendance.as_str() == "present", in_group1(&d), "{} of Tổ 1: {}", d.full_name, in_group1(&d));
    }

    let (c, csrf) = app.login("daibieu", &password("daibieu")).await;
    let res = c
        .post(app.url(&format!("/plenums/{id}/attendance/all-present")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let (c, _) = app.login("thuky", &password("thuky")).await;
    let res = c
        .post(app.url(&format!("/plenums/{id}/attendance/all-present")))
        .form(&[("csrf", "not-the-token")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "no CSRF token, nothing marked");
    assert_eq!(delegates(&app, id).await.iter().filter(|d| d.attendance.as_str() == "present").count(), mine);
}

#[tokio::test]
async fn the_office_moves_the_roll_to_the_afternoon_sitting_and_back() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let page = || {
        let c = c.clone();
        let url = app.url(&format!("/plenums/{id}/delegates"));
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = page().await;
    assert!(html.contains("Đang điểm danh: Buổi sáng ngày 05/01/2023 (buổi 1/4)"), "{html}");
    assert!(html.contains("Buổi chiều ngày 06/01/2023"), "the four sittings of the two days");
    let all = app.url(&format!("/plenums/{id}/attendance/all-present"));
    assert_eq!(c.post(&all).form(&[("csrf", csrf.as_str())]).send().await.unwrap().status(), 303);

    // The afternoon: its own roll, no one called yet; the morning's is kept.
    let sitting = app.url(&format!("/plenums/{id}/sitting"));
    let res = c.post(&sitting).form(&[("csrf", csrf.as_str()), ("sitting", "2")]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], format!("/plenums/{id}/delegates?sitting=2#roll"));
    let html = page().await;
    assert!(html.contains("Đang điểm danh: Buổi chiều ngày 05/01/2023 (buổi 2/4)"));
    assert!(html.contains("Điểm danh có mặt tất cả (77 người chưa điểm danh)"));
    assert!(
        html.contains("<td>1. Buổi sáng ngày 05/01/2023</td><td class=\"num\">71/71</td>"),
        "the morning's figures"
    );
    let q = common::get_json(&c, &app.url(&format!("/api/v1/plenums/{id}/quorum"))).await;
    assert_eq!(q["present"], 0, "the quorum follows the current sitting: {q}");

    // Back to the morning: everyone present again.
    let res = c.post(&sitting).form(&[("csrf", csrf.as_str()), ("sitting", "1")]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let q = common::get_json(&c, &app.url(&format!("/api/v1/plenums/{id}/quorum"))).await;
    assert_eq!(q["present"], 71);

    // A sitting the plenum does not have, or not a number: refused, nothing moved.
    for bad in ["5", "0", "abc", ""] {
        let res = c.post(&sitting).form(&[("csrf", csrf.as_str()), ("sitting", bad)]).send().await.unwrap();
        assert_eq!(res.status(), 400, "{bad:?}");
    }
    assert!(page().await.contains("(buổi 1/4)"));

    // A group's secretary takes their group's roll but does not move the plenum's sitting.
    let (g, gcsrf) = app.login("thukyto", &password("thukyto")).await;
    let res = g.post(&sitting).form(&[("csrf", gcsrf.as_str()), ("sitting", "2")]).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(
        !g.get(app.url(&format!("/plenums/{id}/delegates")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("id=\"roll-sitting\""),
        "no switch shown to them"
    );
}

/// The text pdftotext reads from a PDF, on one line.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_sign_in_codes_of_everyone_print_at_once_without_touching_a_tablet_in_use() {
    let app = demo_app().await;
    let id = app.demo_plenum_id().await;
    // A delegate's tablet already signed in (the demo's delegate account), and its session.
    let (tablet, _) = app.login("daibieu", &password("daibieu")).await;
    let all = delegates(&app, id).await;
    let with_account: Vec<&Delegate> = all.iter().filter(|d| d.user_id.is_some()).collect();
    assert!(!with_account.is_empty());
    let before = app.store.history_head().await.unwrap().0;

    let (c, csrf) = app.login("thuky", &password("thuky")).await;
    let res =
        c.post(app.url(&format!("/plenums/{id}/sign-in-codes"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"ma-dang-nhap-{id}.pdf\"; filename*=UTF-8''ma-dang-nhap-{id}.pdf")
    );
    assert_eq!(res.headers()["cache-control"], "no-store", "one-time links are kept out of caches");
    let text = pdf_text(&res.bytes().await.unwrap());
    assert!(text.contains("Mã đăng nhập máy tính bảng — Hội nghị lần thứ 11"), "{text}");
    assert!(text.contains("Trần Thị Hồng Nhung") && text.contains("Hoàng Đức Mạnh"), "names, diacritics intact");
    assert!(text.contains("Đại biểu không được cấp mã"), "{text}");
    for d in &with_account {
        assert!(text.contains(&d.full_name), "{} is listed, without a code", d.full_name);
    }
    assert!(text.contains("Máy tính bảng của đại biểu đã đăng nhập"), "the tablet in use is named as such");
    assert!(text.contains("Tài khoản của đại biểu có vai trò khác"), "an account with another role gets no link");

    // One link issued per delegate without an account, none for the others.
    let issued: Vec<_> = app
        .store
        .history(before, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "delegate.link_issued")
        .collect();
    assert_eq!(issued.len(), all.len() - with_account.len());
    for d in &with_account {
        assert!(!issued.iter().any(|e| e.payload.contains(&format!("\"delegate_id\":{},", d.id))), "{}", d.full_name);
    }
    // The tablet already signed in still is.
    assert_eq!(tablet.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200);

    // Only the office prints them.
    let (g, gcsrf) = app.login("thukyto", &password("thukyto")).await;
    let res = g
        .post(app.url(&format!("/plenums/{id}/sign-in-codes")))
        .form(&[("csrf", gcsrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}
