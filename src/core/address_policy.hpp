// AddressPolicy: which addresses the crawler may connect to. Checked on the
// address curl is about to connect to (after DNS, after every redirect), so
// no spelling of a host name can steer a crawl into a private network.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace gleaner {

// An IPv4 address is held as an IPv4-mapped IPv6 address (::ffff:a.b.c.d).
using Address = std::array<std::uint8_t, 16>;

struct Network {
  Address base{};
  int prefix_bits = 128;  // of the 128-bit form
  bool contains(const Address& address) const;
};

struct Endpoint {
  Address address{};
  std::uint16_t port = 0;
  bool operator==(const Endpoint&) const = default;
};

// Loopback, private (RFC 1918, ULA), carrier-grade NAT, link-local,
// unspecified, multicast, reserved and benchmark ranges, IPv4 and IPv6.
bool is_non_public(const Address& address);

// Reads a socket address curl hands us; false for families other than IPv4/IPv6.
bool endpoint_of(const sockaddr* socket_address, Endpoint& endpoint);

std::string to_string(const Endpoint& endpoint);

class AddressPolicy {
 public:
  // Public addresses only, plus what allow() adds.
  AddressPolicy() = default;
  static AddressPolicy allow_all();

  // "10.0.0.0/8", "fd00::/8", "192.168.1.5" (any port), "127.0.0.1:8080",
  // "[::1]:8080". Errors name the entry and what was expected.
  Result<void> allow(std::string_view entry);
  void allow(const Endpoint& endpoint) { endpoints_.push_back(endpoint); }

  bool permits(const Endpoint& endpoint) const;

 private:
  bool everything_ = false;
  std::vector<Network> networks_;
  std::vector<Endpoint> endpoints_;
};

}  // namespace gleaner
