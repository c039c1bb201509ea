//! A scratch database that lives as long as a test: created empty next to the
//! database a base URL names, and dropped when the guard goes out of scope,
//! so a test run leaves no databases behind on the server.

use sqlx::Connection;

use crate::create_scratch_database;

pub struct ScratchDatabase {
    base_url: String,
    url: String,
    name: String,
}

impl ScratchDatabase {
    pub async fn create(base_url: &str) -> anyhow::Result<ScratchDatabase> {
        let url = create_scratch_database(base_url).await?;
        let name = url.rsplit_once('/').map(|(_, n)| n.to_string()).unwrap_or_default();
        Ok(ScratchDatabase { base_url: base_url.to_string(), url, name })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for ScratchDatabase {
    /// `Drop` cannot await, and blocking on the test's own runtime would stall
    /// it, so the drop runs on a thread with a runtime of its own. `FORCE`
    /// closes the connections pools and listeners may still hold.
    fn drop(&mut self) {
        let (base_url, name) = (self.base_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || -> anyhow::Result<()> {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async {
                let mut conn = sqlx::PgConnection::connect(&base_url).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await?;
                conn.close().await?;
                Ok(())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(database = %self.name, error = %e, "scratch database not dropped"),
            Err(_) => tracing::warn!(database = %self.name, "scratch database drop panicked"),
        }
    }
}
