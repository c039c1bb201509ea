//! `plenum-load search`: how long a search takes over a large record. It
//! fills a scratch database (SQLite in a temporary folder, PostgreSQL in a
//! scratch database dropped afterwards) with one plenum of many realistic
//! Vietnamese opinions, made from word lists with a fixed seed, then times
//! queries of one to three terms through the store's own `search`, beside
//! two baselines in the same run on the same data: `SELECT 1` (the floor of
//! one round trip) and a plain `LIKE '%…%'` scan of the folded text counting
//! the matches (what search would cost without its index).
//!
//! The opinions are inserted with batched SQL in large transactions, not
//! through the store's `add_opinion`: that bypasses the history (one chained
//! entry per opinion would make the fill take hours, and search never reads
//! the history) but writes `folded` the way the store does, so the index is
//! the one the product builds.

use std::time::{Duration, Instant};

use plenum_core::synthesize::search::{SearchKind, Terms};
use plenum_core::text::fold::fold;
use plenum_store::documents::{NewDocument, NewVersion};
use plenum_store::input::{NewAgendaItem, NewCommittee, NewDelegate, NewOrganization, NewPlenum};
use plenum_store::synthesize::search::SearchQuery;
use plenum_store::{Actor, Delegates, Documents, Organizations, Plenums, Search, SqlStore};

/// The backends `search` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub opinions: usize,
    /// The plenums the opinions are spread over; the first is searched.
    pub plenums: usize,
    pub queries: usize,
    pub seed: u64,
    /// The server scratch PostgreSQL databases are made on.
    pub postgres: String,
}

/// SplitMix64: a fixed seed gives the same record and queries on every run
/// and backend, without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const OPENINGS: &[&str] = &[
    "Tôi đề nghị",
    "Đề nghị bổ sung",
    "Nhất trí với báo cáo, đồng thời đề nghị",
    "Cần làm rõ hơn",
    "Đề nghị Ban soạn thảo tiếp thu",
    "Tôi cơ bản tán thành, nhưng đề nghị xem xét",
    "Đề nghị đánh giá sát thực tiễn",
    "Thống nhất cao với dự thảo; đề nghị nhấn mạnh",
];
const TOPICS: &[&str] = &[
    "công tác xây dựng Đảng",
    "chuyển đổi số trong cơ quan Đảng",
    "cải cách thủ tục hành chính",
    "phát triển kinh tế tư nhân",
    "quản lý đất đai và quy hoạch",
    "phòng, chống tham nhũng, lãng phí",
    "đào tạo, bồi dưỡng cán bộ trẻ",
    "giải phóng mặt bằng các dự án trọng điểm",
    "thu ngân sách và đầu tư công",
    "y tế cơ sở và y tế dự phòng",
    "đổi mới giáo dục phổ thông",
    "xử lý ô nhiễm môi trường",
    "giao thông đô thị và đường vành đai",
    "an sinh xã hội, nhà ở xã hội",
    "bảo tồn di sản văn hóa Thăng Long",
    "kết nạp đảng viên mới",
    "sinh hoạt chi bộ nơi cư trú",
    "kiểm tra, giám sát của cấp ủy",
    "thu hút đầu tư nước ngoài",
    "phát triển nông nghiệp công nghệ cao",
];
const PLACES: &[&str] = &[
    "tại các quận, huyện",
    "ở cấp cơ sở",
    "trong năm 2023",
    "trong giai đoạn 2021-2025",
    "của Thành phố",
    "ở khu vực ngoại thành",
    "tại các phường, xã",
    "trong nhiệm kỳ",
];
const CLOSINGS: &[&str] = &[
    "để bảo đảm tính khả thi.",
    "vì thực tế còn nhiều vướng mắc.",
    "và có lộ trình cụ thể, phân công rõ trách nhiệm.",
    "nhằm nâng cao hiệu lực, hiệu quả lãnh đạo.",
    "cho phù hợp với Nghị quyết của Trung ương.",
    "và bố trí đủ nguồn lực thực hiện.",
    "bởi số liệu chưa thống nhất giữa các báo cáo.",
];

/// An opinion of one to three sentences.
fn opinion(rng: &mut Rng) -> String {
    let sentences = 1 + rng.below(3);
    (0..sentences)
        .map(|_| format!("{} {} {} {}", rng.pick(OPENINGS), rng.pick(TOPICS), rng.pick(PLACES), rng.pick(CLOSINGS)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One to three consecutive words of a topic, typed without diacritics half the time.
fn query(rng: &mut Rng) -> String {
    let words: Vec<&str> = rng.pick(TOPICS).split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let n = (1 + rng.below(3)).min(words.len());
    let start = rng.below(words.len() - n + 1);
    let q = words[start..start + n].join(" ");
    if rng.below(2) == 0 {
        fold(&q)
    } else {
        q
    }
}

/// Latencies in one column of the table.
pub struct Timings {
    pub what: &'static str,
    pub took: Vec<Duration>,
    /// Rows the statements returned or counted, in all.
    pub rows: u64,
}

impl Timings {
    fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.took.clone();
        sorted.sort_unstable();
        let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[at]
    }

    pub fn row(&self, backend: Backend) -> String {
        let ms = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1000.0);
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.0} |",
            backend.name(),
            self.what,
            self.took.len(),
            ms(self.percentile(0.50)),
            ms(self.percentile(0.95)),
            ms(self.percentile(0.99)),
            ms(*self.took.iter().max().unwrap_or(&Duration::ZERO)),
            self.rows as f64 / self.took.len().max(1) as f64,
        )
    }
}

pub const HEADER: &str = "| backend | statement | queries | p50 ms | p95 ms | p99 ms | max ms | rows per query |\n|---|---|---|---|---|---|---|---|";

/// What the opinions of one plenum point to.
struct Seeded {
    plenum: i64,
    items: Vec<i64>,
    delegates: Vec<i64>,
}

/// `count` plenums of one committee, each with agenda items and delegates;
/// the first, the one searched, also with a draft of numbered passages.
async fn prepare(store: &SqlStore, rng: &mut Rng, count: usize) -> anyhow::Result<Vec<Seeded>> {
    let actor = Actor::system("plenum-load");
    let top = NewOrganization {
        name: "Đảng Cộng sản Việt Nam".into(),
        short_name: "TW".into(),
        level: "central".into(),
        parent_id: None,
    };
    let top = store.create_organization(&actor, top).await?;
    let org = NewOrganization {
        name: "Đảng bộ Thành phố Hà Nội".into(),
        short_name: "TU Hà Nội".into(),
        level: "city".into(),
        parent_id: Some(top.id),
    };
    let org = store.create_organization(&actor, org).await?;
    let committee = NewCommittee {
        org_id: org.id,
        name: "Ban Chấp hành Đảng bộ Thành phố".into(),
        term: "XVII".into(),
        term_label: "khóa XVII".into(),
        starts_on: "2020-10-13".into(),
    };
    let committee = store.create_committee(&actor, committee).await?;
    let mut out = Vec::new();
    for ordinal in 1..=count as i64 {
        let plenum = NewPlenum {
            committee_id: committee.id,
            ordinal,
            title: format!("Hội nghị lần thứ {ordinal}"),
            starts_on: "2023-01-05".into(),
            ends_on: "2023-01-06".into(),
            place: "Hà Nội".into(),
        };
        let plenum = store.create_plenum(&actor, plenum).await?;
        let mut items = Vec::new();
        for n in 1..=3 {
            let item = NewAgendaItem {
                plenum_id: plenum.id,
                ordinal: n,
                title: format!("Báo cáo về {}", rng.pick(TOPICS)),
                kind: "report".into(),
                presenter: "Văn phòng Thành ủy".into(),
            };
            items.push(store.add_agenda_item(&actor, item).await?.id);
        }
        let mut delegates = Vec::new();
        for i in 0..5 {
            let d = NewDelegate {
                plenum_id: plenum.id,
                member_id: None,
                user_id: None,
                full_name: format!("Đại biểu {i}"),
                title: String::new(),
                unit: String::new(),
                kind: "guest".into(),
                group_id: None,
                checkin_code: plenum_store::demo::new_checkin_code(),
            };
            delegates.push(store.add_delegate(&actor, d).await?.id);
        }
        out.push(Seeded { plenum: plenum.id, items, delegates });
    }
    let draft: String = (1..=200).map(|n| format!("{n}. {}\n\n", opinion(rng))).collect();
    let draft = NewDocument {
        item_id: out[0].items[0],
        title: "Dự thảo Nghị quyết".into(),
        kind: "draft".into(),
        version: NewVersion { filename: "du-thao.txt".into(), content: draft.into_bytes(), ..NewVersion::default() },
    };
    store.create_document(&actor, draft).await?;
    Ok(out)
}

/// Insert `n` opinions, spread over the plenums in turn, in batches,
/// committing every 10,000.
async fn fill(store: &SqlStore, rng: &mut Rng, n: usize, plenums: &[Seeded]) -> anyhow::Result<()> {
    const BATCH: usize = 500;
    const PER_TX: usize = 10_000;
    const STANCES: &[&str] = &["agree", "disagree", "propose_change", "other"];
    let mut done = 0;
    while done < n {
        let mut tx = store.writer().begin().await?;
        let end = (done + PER_TX).min(n);
        while done < end {
            let rows = BATCH.min(end - done);
            let values: Vec<String> = (0..rows)
                .map(|i| {
                    let b = i * 7;
                    format!(
                        "(${}, NULL, ${}, ${}, NULL, ${}, ${}, ${}, 1, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6,
                        b + 7
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO opinions (plenum_id, speech_id, delegate_id, item_id, passage_anchor, stance, folded, created_at, version, text) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for i in 0..rows {
                let p = &plenums[(done + i) % plenums.len()];
                let text = opinion(rng);
                q = q
                    .bind(p.plenum)
                    .bind(p.delegates[rng.below(p.delegates.len())])
                    .bind(p.items[rng.below(p.items.len())])
                    .bind(rng.pick(STANCES))
                    .bind(fold(&text))
                    .bind((done + i) as i64)
                    .bind(text);
            }
            q.execute(&mut *tx).await?;
            done += rows;
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn time<F, Fut>(what: &'static str, queries: &[String], mut run: F) -> anyhow::Result<Timings>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<u64>>,
{
    let mut t = Timings { what, took: Vec::with_capacity(queries.len()), rows: 0 };
    for q in queries {
        let started = Instant::now();
        t.rows += run(q.clone()).await?;
        t.took.push(started.elapsed());
    }
    Ok(t)
}

/// Fill one backend and time the queries; the table rows for it.
pub async fn measure(backend: Backend, opts: &Options) -> anyhow::Result<Vec<Timings>> {
    let dir = tempfile::tempdir()?;
    let (store, _scratch) = match backend {
        Backend::Sqlite => (plenum_store_sqlite::SqliteStore::open_dir(dir.path()).await?, None),
        Backend::Postgres => {
            let db = plenum_store_postgres::ScratchDatabase::create(&opts.postgres).await?;
            (plenum_store_postgres::PostgresStore::connect(db.url()).await?, Some(db))
        }
    };
    store.migrate().await?;
    let mut rng = Rng(opts.seed);
    let plenums = prepare(&store, &mut rng, opts.plenums).await?;
    let started = Instant::now();
    fill(&store, &mut rng, opts.opinions, &plenums).await?;
    sqlx::query("ANALYZE").execute(store.writer()).await?;
    eprintln!(
        "{}: {} opinions over {} plenum(s) in {:.1?}",
        backend.name(),
        opts.opinions,
        opts.plenums,
        started.elapsed()
    );
    let plenum = plenums[0].plenum;

    let mut qrng = Rng(opts.seed ^ 0x5eed);
    let queries: Vec<String> = (0..opts.queries).map(|_| query(&mut qrng)).collect();
    // One warm-up pass, so every column is timed with the data in cache.
    for q in queries.iter().take(50) {
        search(&store, plenum, q).await?;
    }
    let store = &store;
    let floor = time("SELECT 1", &queries, |_| async move {
        sqlx::query("SELECT 1").execute(store.reader()).await?;
        Ok(0)
    })
    .await?;
    let indexed =
        time("search (index, ranked, first 20)", &queries, |q| async move { search(store, plenum, &q).await }).await?;
    let scan = time("LIKE '%…%' scan of folded (count)", &queries, |q| like(store, plenum, q)).await?;
    Ok(vec![floor, indexed, scan])
}

async fn search(store: &SqlStore, plenum: i64, q: &str) -> anyhow::Result<u64> {
    let query = SearchQuery {
        terms: Terms::parse(q).map_err(|e| anyhow::anyhow!("query {q:?}: {e:?}"))?,
        plenum_ids: vec![plenum],
        kinds: SearchKind::ALL.to_vec(),
        written_opinions: true,
        limit: 20,
        offset: 0,
    };
    Ok(store.search(&query).await?.len() as u64)
}

/// Every term as a substring of the folded text: the unindexed way.
async fn like(store: &SqlStore, plenum: i64, q: String) -> anyhow::Result<u64> {
    let terms = Terms::parse(&q).map_err(|e| anyhow::anyhow!("query {q:?}: {e:?}"))?;
    let conditions: Vec<String> = (0..terms.as_slice().len()).map(|i| format!("folded LIKE ${}", i + 2)).collect();
    let sql = format!("SELECT COUNT(*) FROM opinions WHERE plenum_id = $1 AND {}", conditions.join(" AND "));
    let mut query = sqlx::query_as::<_, (i64,)>(&sql).bind(plenum);
    for t in terms.as_slice() {
        query = query.bind(format!("%{t}%"));
    }
    Ok(query.fetch_one(store.reader()).await?.0 as u64)
}
