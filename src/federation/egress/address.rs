//! Which IP addresses an outbound request may reach: only globally routable ones.
//!
//! IPv4 is judged against an explicit list of special-purpose ranges (IANA registry). IPv6 forms
//! that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are unwrapped and the IPv4 address
//! is judged; ranges whose embedding is not fixed (local NAT64, Teredo) are refused whole. Any IPv6
//! address outside 2000::/3, the only block IANA allocates for global unicast, is refused.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// True when `ip` is not a globally routable unicast address, so no outbound request may use it.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_forbidden_v4(v4),
        IpAddr::V6(v6) => is_forbidden_v6(v6),
    }
}

fn is_forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    a == 0 // "this network" 0/8, including 0.0.0.0
        || ip.is_loopback() // 127/8
        || ip.is_private() // 10/8, 172.16/12, 192.168/16
        || ip.is_link_local() // 169.254/16, cloud metadata lives here
        || (a == 100 && (b & 0xc0) == 64) // CGNAT shared space 100.64/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments 192.0.0/24
        || ip.is_documentation() // 192.0.2/24, 198.51.100/24, 203.0.113/24
        || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
        || (a == 198 && (b & 0xfe) == 18) // benchmarking 198.18/15
        || a >= 224 // multicast 224/4, reserved 240/4, broadcast 255.255.255.255
}

fn is_forbidden_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    if ip.is_unspecified() || ip.is_loopback() {
        return true;
    }
    if let Some(v4) = embedded_ipv4(ip) {
        return is_forbidden_v4(v4);
    }
    // Outside 2000::/3 nothing is global unicast: this covers fc00::/7 unique-local,
    // fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast, 100::/64 discard,
    // 64:ff9b:1::/48 local-use NAT64, 5f00::/16 SRv6 and the rest of the reserved space.
    if segments[0] & 0xe000 != 0x2000 {
        return true;
    }
    // 2001::/23 holds Teredo 2001::/32 (its IPv4 is obfuscated, so refuse it whole),
    // benchmarking and ORCHID; 2001:db8::/32 and 3fff::/20 are documentation.
    match segments[0] {
        0x2001 => segments[1] < 0x0200 || segments[1] == 0x0db8,
        0x3fff => segments[1] < 0x1000,
        _ => false,
    }
}

/// The IPv4 address an IPv6 address stands for, when the embedding is fixed by its prefix.
fn embedded_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let octets = ip.octets();
    let low = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
    let mapped = s[..5] == [0, 0, 0, 0, 0] && s[5] == 0xffff; // ::ffff:0:0/96
    let compatible = s[..6] == [0, 0, 0, 0, 0, 0]; // ::/96 (deprecated)
    let translated = s[..4] == [0, 0, 0, 0] && s[4] == 0xffff && s[5] == 0; // ::ffff:0:0:0/96
    let nat64 = s[..6] == [0x64, 0xff9b, 0, 0, 0, 0]; // 64:ff9b::/96
    if mapped || compatible || translated || nat64 {
        return Some(low);
    }
    if s[0] == 0x2002 {
        // 6to4: the IPv4 address is bits 16..48.
        return Some(Ipv4Addr::new(octets[2], octets[3], octets[4], octets[5]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::is_forbidden;
    use std::net::IpAddr;
    use url::{Host, Url};

    /// The address a URL host parses to, the way every outbound request will see it.
    fn host_ip(host: &str) -> IpAddr {
        let url = Url::parse(&format!("https://{host}/")).expect("test hosts are valid");
        match url.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            other => panic!("{host} did not parse as an IP address: {other:?}"),
        }
    }

    #[test]
    fn t25_address_table_is_refused() {
        let table = [
            "127.0.0.1",
            "127.1",
            "2130706433",
            "0x7f000001",
            "0177.0.0.1",
            "0.0.0.0",
            "[::]",
            "[::1]",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "198.18.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.0.8",
            "192.0.2.1",
            "198.51.100.1",
            "203.0.113.1",
            "192.88.99.1",
            "[::ffff:127.0.0.1]",
            "[::ffff:10.0.0.1]",
            "[::127.0.0.1]",
            "[::ffff:0:7f00:1]",
            "[64:ff9b::7f00:1]",
            "[64:ff9b::a9fe:a9fe]",
            "[64:ff9b:1::1:2]",
            "[2002:7f00:1::]",
            "[2002:a00:1::1]",
            "[2001::1]",
            "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
            "[2001:db8::1]",
            "[3fff::1]",
            "[3fff:fff::1]",
            "[fd00::1]",
            "[fc00::1]",
            "[fe80::1]",
            "[fec0::1]",
            "[ff02::1]",
            "[100::1]",
        ];
        for host in table {
            assert!(is_forbidden(host_ip(host)), "{host} must be refused");
        }
    }

    #[test]
    fn url_parsing_normalises_numeric_hosts_to_loopback() {
        for host in ["127.1", "2130706433", "0x7f000001", "0177.0.0.1"] {
            assert_eq!(host_ip(host), host_ip("127.0.0.1"), "{host}");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for host in [
            "1.1.1.1",
            "8.8.8.8",
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "198.20.0.1",
            "[2606:4700::1111]",
            "[2001:4860:4860::8888]",
            "[2a00:1450:4001::1]",
            "[3fff:1000::1]",
            "[::ffff:1.1.1.1]",
            "[64:ff9b::101:101]",
            "[2002:101:101::1]",
        ] {
            assert!(!is_forbidden(host_ip(host)), "{host} must pass");
        }
    }
}
