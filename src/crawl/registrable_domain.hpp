// Registrable domains (eTLD+1) from the Public Suffix List, through libpsl's
// built-in copy of the list (no network). Scope uses them for its default.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gleaner::crawl {

// "www.shop.co.uk" -> "shop.co.uk", "alice.github.io" -> "alice.github.io"
// (github.io is a private suffix). Nothing for hosts that have no registrable
// domain: public suffixes themselves ("co.uk", "github.io"), single labels
// ("localhost", "intranet") and IP addresses. `host` is lower case, as Url keeps it.
std::optional<std::string> registrable_domain(std::string_view host);

// An IPv4 address in dotted form or a bracketed IPv6 literal, as Url::host() gives them.
bool is_ip_address(std::string_view host);

}  // namespace gleaner::crawl
