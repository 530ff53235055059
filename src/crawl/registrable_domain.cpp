#include "crawl/registrable_domain.hpp"

#include <arpa/inet.h>
#include <libpsl.h>

namespace gleaner::crawl {

bool is_ip_address(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    // curl appends a zone id as "%25eth0"; the address is what comes before it.
    std::string address(host.substr(1, host.size() - 2));
    address = address.substr(0, address.find('%'));
    in6_addr parsed{};
    return inet_pton(AF_INET6, address.c_str(), &parsed) == 1;
  }
  const std::string address(host);
  in_addr parsed{};
  return inet_pton(AF_INET, address.c_str(), &parsed) == 1;
}

std::optional<std::string> registrable_domain(std::string_view host) {
  // libpsl would call "127.0.0.1" a domain under the "1" suffix.
  if (host.empty() || is_ip_address(host)) return std::nullopt;
  const std::string owned(host);
  // psl_builtin() is the list compiled into libpsl: immutable and thread-safe.
  const char* domain = psl_registrable_domain(psl_builtin(), owned.c_str());
  if (domain == nullptr) return std::nullopt;
  return std::string(domain);
}

}  // namespace gleaner::crawl
