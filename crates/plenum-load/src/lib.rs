//! Plenum's own load tool. `fanout` connects thousands of SSE subscribers to
//! one plenum and measures how long a chair's action takes to reach them all,
//! side by side with a bare broadcast-to-SSE server (`baseline-server`) on the
//! same machine in the same run. `search` times search over a large record
//! beside a plain scan. `votes` has thousands of members vote at once over
//! HTTP, beside raw SQLite insert loops. Results go to docs/PERFORMANCE.md.

pub mod baseline;
pub mod fanout;
pub mod search;
pub mod server;
pub mod sse;
pub mod trigger;
pub mod votes;
