#include <doctest/doctest.h>

#include <arpa/inet.h>

#include <string>

#include "core/address_policy.hpp"

using namespace gleaner;

namespace {

Endpoint endpoint(const std::string& address, std::uint16_t port) {
  sockaddr_storage storage{};
  if (address.find(':') == std::string::npos) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    REQUIRE(inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1);
  } else {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    REQUIRE(inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1);
  }
  Endpoint result;
  REQUIRE(endpoint_of(reinterpret_cast<const sockaddr*>(&storage), result));
  return result;
}

}  // namespace

TEST_CASE("loopback, private, link-local and other special addresses are not public (RFC 6890)") {
  struct Row {
    const char* address;
    bool non_public;
  };
  const Row rows[] = {
      {"127.0.0.1", true},       {"127.255.1.2", true},     {"10.1.2.3", true},
      {"172.16.0.1", true},      {"172.31.255.255", true},  {"172.32.0.1", false},
      {"192.168.0.10", true},    {"169.254.169.254", true}, {"100.64.0.1", true},
      {"0.0.0.0", true},         {"224.0.0.1", true},       {"255.255.255.255", true},
      {"198.18.0.1", true},      {"93.184.216.34", false},  {"8.8.8.8", false},
      {"::1", true},             {"::", true},              {"fd00::1", true},
      {"fe80::1", true},         {"ff02::1", true},         {"2001:db8::1", false},
      {"2606:4700::1111", false},
      {"::ffff:127.0.0.1", true},  // IPv4-mapped
      {"::ffff:8.8.8.8", false},
      {"64:ff9b::a00:1", true},    // NAT64 of 10.0.0.1
      {"::127.0.0.1", true},       // IPv4-compatible
  };
  for (const Row& row : rows) {
    CAPTURE(row.address);
    CHECK(is_non_public(endpoint(row.address, 80).address) == row.non_public);
  }
}

TEST_CASE("by default only public addresses are permitted") {
  const AddressPolicy policy;
  CHECK(policy.permits(endpoint("93.184.216.34", 443)));
  CHECK_FALSE(policy.permits(endpoint("127.0.0.1", 8080)));
  CHECK_FALSE(policy.permits(endpoint("::1", 8080)));
  CHECK(AddressPolicy::allow_all().permits(endpoint("127.0.0.1", 8080)));
}

TEST_CASE("an allowed endpoint opens exactly that address and port") {
  AddressPolicy policy;
  policy.allow(endpoint("127.0.0.1", 8080));
  CHECK(policy.permits(endpoint("127.0.0.1", 8080)));
  CHECK_FALSE(policy.permits(endpoint("127.0.0.1", 8081)));
  CHECK_FALSE(policy.permits(endpoint("127.0.0.2", 8080)));
}

TEST_CASE("allow entries take networks, addresses and address:port, and explain bad ones") {
  AddressPolicy policy;
  REQUIRE(policy.allow("10.0.0.0/8"));
  REQUIRE(policy.allow("fd00::/8"));
  REQUIRE(policy.allow("192.168.1.5"));
  REQUIRE(policy.allow("127.0.0.1:9000"));
  REQUIRE(policy.allow("[::1]:9001"));
  CHECK(policy.permits(endpoint("10.200.0.1", 1)));
  CHECK(policy.permits(endpoint("fd12::5", 1)));
  CHECK(policy.permits(endpoint("192.168.1.5", 65000)));
  CHECK_FALSE(policy.permits(endpoint("192.168.1.6", 80)));
  CHECK(policy.permits(endpoint("127.0.0.1", 9000)));
  CHECK_FALSE(policy.permits(endpoint("127.0.0.1", 9001)));
  CHECK(policy.permits(endpoint("::1", 9001)));

  for (const char* bad : {"10.0.0.0/33", "localhost", "1.2.3.4:0", "1.2.3.4:99999", "[::1]", "fd00::/129", ""}) {
    CAPTURE(bad);
    auto result = policy.allow(bad);
    REQUIRE_FALSE(result);
    CHECK(result.error().message ==
          "\"" + std::string(bad) + "\": expected an address, an address:port or a network in CIDR form");
  }
}

TEST_CASE("endpoints print as address:port, IPv6 in brackets") {
  CHECK(to_string(endpoint("127.0.0.1", 8080)) == "127.0.0.1:8080");
  CHECK(to_string(endpoint("::1", 443)) == "[::1]:443");
}
