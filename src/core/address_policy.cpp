#include "core/address_policy.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace gleaner {
namespace {

Address mapped_v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return Address{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d};
}

Network v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, int bits) {
  return Network{mapped_v4(a, b, c, d), 96 + bits};
}

Network v6(std::initializer_list<std::uint8_t> leading, int bits) {
  Network network{Address{}, bits};
  std::copy(leading.begin(), leading.end(), network.base.begin());
  return network;
}

// IANA special-purpose registries (RFC 6890 and successors): nothing here is
// a public web server.
const std::vector<Network>& non_public_networks() {
  static const std::vector<Network> networks = {
      v4(0, 0, 0, 0, 8),        // "this network", unspecified
      v4(10, 0, 0, 0, 8),       // RFC 1918
      v4(100, 64, 0, 0, 10),    // carrier-grade NAT
      v4(127, 0, 0, 0, 8),      // loopback
      v4(169, 254, 0, 0, 16),   // link-local (cloud metadata services live here)
      v4(172, 16, 0, 0, 12),    // RFC 1918
      v4(192, 0, 0, 0, 24),     // IETF protocol assignments
      v4(192, 168, 0, 0, 16),   // RFC 1918
      v4(198, 18, 0, 0, 15),    // benchmarking
      v4(224, 0, 0, 0, 4),      // multicast
      v4(240, 0, 0, 0, 4),      // reserved, broadcast
      v6({}, 128),              // :: unspecified
      v6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128),  // ::1 loopback
      v6({0xfc}, 7),            // unique local
      v6({0xfe, 0x80}, 10),     // link-local
      v6({0xfe, 0xc0}, 10),     // site-local (deprecated, still routable inside)
      v6({0xff}, 8),            // multicast
  };
  return networks;
}

// IPv6 forms that embed an IPv4 address, which is what then gets reached.
bool embedded_v4(const Address& address, Address& v4_mapped) {
  static const std::uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};  // 64:ff9b::/96
  static const std::uint8_t compatible[12] = {};                                      // ::a.b.c.d
  if (std::equal(address.begin(), address.begin() + 12, nat64) ||
      (std::equal(address.begin(), address.begin() + 12, compatible) &&
       (address[12] | address[13]) != 0)) {
    v4_mapped = mapped_v4(address[12], address[13], address[14], address[15]);
    return true;
  }
  return false;
}

bool parse_address(std::string_view text, Address& address) {
  const std::string owned(text);
  in_addr v4_address{};
  if (inet_pton(AF_INET, owned.c_str(), &v4_address) == 1) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(&v4_address.s_addr);
    address = mapped_v4(bytes[0], bytes[1], bytes[2], bytes[3]);
    return true;
  }
  in6_addr v6_address{};
  if (inet_pton(AF_INET6, owned.c_str(), &v6_address) == 1) {
    std::copy(v6_address.s6_addr, v6_address.s6_addr + 16, address.begin());
    return true;
  }
  return false;
}

bool is_mapped_v4(const Address& address) {
  static const std::uint8_t prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::equal(address.begin(), address.begin() + 12, prefix);
}

}  // namespace

bool Network::contains(const Address& address) const {
  const int whole_bytes = prefix_bits / 8;
  if (!std::equal(base.begin(), base.begin() + whole_bytes, address.begin())) return false;
  const int rest = prefix_bits % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (base[static_cast<std::size_t>(whole_bytes)] & mask) == (address[static_cast<std::size_t>(whole_bytes)] & mask);
}

bool is_non_public(const Address& address) {
  Address v4_form{};
  const Address& checked = embedded_v4(address, v4_form) ? v4_form : address;
  return std::any_of(non_public_networks().begin(), non_public_networks().end(),
                     [&checked](const Network& network) { return network.contains(checked); });
}

bool endpoint_of(const sockaddr* socket_address, Endpoint& endpoint) {
  if (socket_address->sa_family == AF_INET) {
    const auto* v4_address = reinterpret_cast<const sockaddr_in*>(socket_address);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(&v4_address->sin_addr.s_addr);
    endpoint.address = mapped_v4(bytes[0], bytes[1], bytes[2], bytes[3]);
    endpoint.port = ntohs(v4_address->sin_port);
    return true;
  }
  if (socket_address->sa_family == AF_INET6) {
    const auto* v6_address = reinterpret_cast<const sockaddr_in6*>(socket_address);
    std::copy(v6_address->sin6_addr.s6_addr, v6_address->sin6_addr.s6_addr + 16, endpoint.address.begin());
    endpoint.port = ntohs(v6_address->sin6_port);
    return true;
  }
  return false;
}

std::string to_string(const Endpoint& endpoint) {
  char text[INET6_ADDRSTRLEN] = {};
  if (is_mapped_v4(endpoint.address)) {
    inet_ntop(AF_INET, endpoint.address.data() + 12, text, sizeof text);
    return std::string(text) + ":" + std::to_string(endpoint.port);
  }
  inet_ntop(AF_INET6, endpoint.address.data(), text, sizeof text);
  return "[" + std::string(text) + "]:" + std::to_string(endpoint.port);
}

AddressPolicy AddressPolicy::allow_all() {
  AddressPolicy policy;
  policy.everything_ = true;
  return policy;
}

Result<void> AddressPolicy::allow(std::string_view entry) {
  auto invalid = [entry] {
    return make_error(ErrorKind::invalid_argument,
                      "\"" + std::string(entry) +
                          "\": expected an address, an address:port or a network in CIDR form");
  };
  Address address{};
  if (const auto slash = entry.find('/'); slash != std::string_view::npos) {
    int bits = -1;
    const std::string_view length = entry.substr(slash + 1);
    auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), bits);
    if (error != std::errc() || end != length.data() + length.size() || !parse_address(entry.substr(0, slash), address)) {
      return invalid();
    }
    const bool v4_form = is_mapped_v4(address);
    if (bits < 0 || bits > (v4_form ? 32 : 128)) return invalid();
    networks_.push_back(Network{address, v4_form ? 96 + bits : bits});
    return {};
  }
  if (parse_address(entry, address)) {
    networks_.push_back(Network{address, 128});
    return {};
  }
  // address:port, with IPv6 addresses in brackets.
  std::string_view host = entry;
  std::string_view port_text;
  if (entry.starts_with('[')) {
    const auto close = entry.find("]:");
    if (close == std::string_view::npos) return invalid();
    host = entry.substr(1, close - 1);
    port_text = entry.substr(close + 2);
  } else {
    const auto colon = entry.rfind(':');
    if (colon == std::string_view::npos) return invalid();
    host = entry.substr(0, colon);
    port_text = entry.substr(colon + 1);
  }
  unsigned port = 0;
  auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535 ||
      !parse_address(host, address)) {
    return invalid();
  }
  endpoints_.push_back(Endpoint{address, static_cast<std::uint16_t>(port)});
  return {};
}

bool AddressPolicy::permits(const Endpoint& endpoint) const {
  if (everything_ || !is_non_public(endpoint.address)) return true;
  if (std::find(endpoints_.begin(), endpoints_.end(), endpoint) != endpoints_.end()) return true;
  return std::any_of(networks_.begin(), networks_.end(),
                     [&endpoint](const Network& network) { return network.contains(endpoint.address); });
}

}  // namespace gleaner
