//! No cheap denial of service: a connection that dribbles its headers is closed at the
//! header deadline, the server keeps answering while many such connections are open, and
//! a hundred unauthenticated callbacks cost the database nothing.

mod common;

use std::time::{Duration, Instant};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_TIMEOUT: Duration = Duration::from_millis(1000);

/// Opens a connection that sends one header line every 200 ms, for at most 10 s; returns
/// how long until the server closed it (None: it never did).
async fn dribble(addr: std::net::SocketAddr) -> Option<Duration> {
    let start = Instant::now();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST /api/callback HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    for i in 0..50 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if s.write_all(format!("X-Slow-{i}: y\r\n").as_bytes()).await.is_err() {
            return Some(start.elapsed());
        }
        let mut buf = [0u8; 512];
        match tokio::time::timeout(Duration::from_millis(1), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(start.elapsed()),
            Ok(Ok(_)) => {} // a 408 on its way; the close follows
            Err(_) => {}
        }
    }
    None
}

#[tokio::test]
async fn slow_headers_are_cut_off_and_the_server_keeps_answering() {
    let s = start("slow-headers", Setup { header_timeout: HEADER_TIMEOUT, ..Setup::default() }).await;
    let slow: Vec<_> = (0..60).map(|_| tokio::spawn(dribble(s.addr))).collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let answered = Instant::now();
    let id = order(&s.base, "platform").await;
    assert_eq!(status(&s.base, &id).await["status"], "NEW");
    assert!(answered.elapsed() < HEADER_TIMEOUT, "answered beside 60 slow connections");
    for t in slow {
        let closed = t.await.unwrap().expect("the server closed the slow connection");
        assert!(closed < HEADER_TIMEOUT + Duration::from_millis(1500), "closed after {closed:?}");
    }
}

fn db_bytes(data: &std::path::Path) -> u64 {
    ["", "-wal"].iter().map(|ext| std::fs::metadata(format!("{}{ext}", data.display())).map_or(0, |m| m.len())).sum()
}

#[tokio::test]
async fn a_hundred_bad_callbacks_leave_the_database_as_it_was() {
    let s = start("bad-callbacks", Setup::default()).await;
    let id = order(&s.base, "platform").await;
    let (_, v) = pay(&s.base, "k", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    let trans_id = v["trans_id"].as_str().unwrap().to_string();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = db_bytes(&s.data);
    let padding = "x".repeat(200 * 1024);
    for i in 0..100 {
        let r = if i % 2 == 0 {
            let form = [("order_id", id.as_str()), ("trans_id", trans_id.as_str()), ("hash", "0"), ("pad", padding.as_str())];
            client().post(format!("{}/api/callback", s.base)).form(&form).send().await.unwrap()
        } else {
            let body = serde_json::json!({"transaction": {"uid": trans_id, "tracking_id": id, "pad": padding}});
            client().post(format!("{}/api/callback/paycross", s.base)).basic_auth("361", Some("guess")).json(&body).send().await.unwrap()
        };
        assert!(matches!(r.status().as_u16(), 401 | 403), "{}", r.status());
    }
    let after = db_bytes(&s.data);
    assert!(after <= before + 8 * 1024, "the database grew by {} bytes", after.saturating_sub(before));
}
