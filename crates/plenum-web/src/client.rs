//! Which client a request comes from: the connection's peer, or, when that
//! peer is a proxy listed in the `trusted_proxies` setting, the address the
//! proxies recorded in `X-Forwarded-For`. Anyone can write that header, so it
//! counts only as far as trusted proxies vouch for it: the rightmost hop that
//! is not a trusted proxy is the client.

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

use crate::connections::PeerAddr;
use crate::state::AppState;

/// The client's address, for throttles and per-address bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// A proxy's address or network, as the setting lists it: `10.0.0.5` or `10.0.0.0/8`.
pub fn parse_proxy(text: &str) -> Option<IpNet> {
    let text = text.trim();
    text.parse::<IpNet>().ok().or_else(|| text.parse::<IpAddr>().ok().map(IpNet::from))
}

fn trusted(ip: IpAddr, proxies: &[IpNet]) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    };
    proxies.iter().any(|p| p.contains(&ip))
}

/// The client behind `peer`, given the request's headers.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, proxies: &[IpNet]) -> IpAddr {
    if !trusted(peer, proxies) {
        return peer;
    }
    // Several headers count as one list, in order.
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A hop that is not an address cannot be vouched for: stop at the last one that was.
        let Ok(ip) = hop.parse::<IpAddr>() else { break };
        client = ip;
        if !trusted(ip, proxies) {
            break;
        }
    }
    client
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_of(parts, state)))
    }
}

/// The client of a request (the unspecified address for one that came over
/// no connection, as a request handed to the router directly).
pub(crate) fn client_of(parts: &Parts, state: &AppState) -> IpAddr {
    let peer = parts.extensions.get::<PeerAddr>().map(|p| p.0.ip()).unwrap_or(IpAddr::from([0, 0, 0, 0]));
    client_address(peer, &parts.headers, &state.config.trusted_proxies)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let proxies = [parse_proxy("10.0.0.0/8").unwrap(), parse_proxy("192.0.2.7").unwrap()];
        let spoofed = headers(&["203.0.113.9"]);
        assert_eq!(client_address(ip("198.51.100.1"), &spoofed, &proxies), ip("198.51.100.1"), "not a proxy");
        assert_eq!(client_address(ip("192.0.2.7"), &spoofed, &proxies), ip("203.0.113.9"));
        assert_eq!(client_address(ip("192.0.2.7"), &headers(&[]), &proxies), ip("192.0.2.7"), "no header");
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let proxies = [parse_proxy("10.0.0.0/8").unwrap()];
        // The client wrote a fake first hop; our two proxies appended the rest.
        let h = headers(&["1.2.3.4, 203.0.113.9", "10.1.1.1"]);
        assert_eq!(client_address(ip("10.0.0.2"), &h, &proxies), ip("203.0.113.9"));
        let garbled = headers(&["203.0.113.9, nonsense, 10.1.1.1"]);
        assert_eq!(client_address(ip("10.0.0.2"), &garbled, &proxies), ip("10.1.1.1"));
        let mapped = headers(&["203.0.113.9"]);
        assert_eq!(client_address(ip("::ffff:10.0.0.2"), &mapped, &proxies), ip("203.0.113.9"));
    }
}
