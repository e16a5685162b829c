//! A round-robin TCP load balancer in front of several backend processes, as a merchant
//! runs them: each new connection goes to the next backend.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Serves `listener`, handing each connection to the next of `backends` (`127.0.0.1:PORT`).
pub fn balance(listener: tokio::net::TcpListener, backends: Vec<String>) {
    let next = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let to = backends[next.fetch_add(1, Ordering::Relaxed) % backends.len()].clone();
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(&to).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
}
