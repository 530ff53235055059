#include "engine/address_rules.hpp"

#include <curl/curl.h>
#include <netdb.h>

#include <memory>
#include <string>

#include "config/sitemap_schema.hpp"

namespace gleaner::engine {
namespace {

struct UrlHandle {
  CURLU* handle = curl_url();
  ~UrlHandle() { curl_url_cleanup(handle); }
};

struct CurlText {
  char* text = nullptr;
  ~CurlText() { curl_free(text); }
};

// Every address `host` resolves to, with `port`.
void allow_host(std::string name, const char* port, AddressPolicy& policy) {
  if (name.size() > 2 && name.front() == '[') name = name.substr(1, name.size() - 2);  // IPv6 literal
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(name.c_str(), port, &hints, &found) != 0) return;
  for (const addrinfo* entry = found; entry; entry = entry->ai_next) {
    Endpoint endpoint;
    if (endpoint_of(entry->ai_addr, endpoint)) policy.allow(endpoint);
  }
  freeaddrinfo(found);
}

// Every address:port a start URL can connect to.
void allow_origin(const Url& url, AddressPolicy& policy) {
  UrlHandle parsed;
  CurlText host;
  CurlText port;
  if (curl_url_set(parsed.handle, CURLUPART_URL, url.str().c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed.handle, CURLUPART_HOST, &host.text, 0) != CURLUE_OK ||
      curl_url_get(parsed.handle, CURLUPART_PORT, &port.text, CURLU_DEFAULT_PORT) != CURLUE_OK) {
    return;
  }
  allow_host(host.text, port.text, policy);
}

// The job's proxy is a destination the job names itself. curl's default
// proxy port is 1080 whatever the scheme, except 443 for https.
void allow_proxy(const std::string& proxy, AddressPolicy& policy) {
  UrlHandle parsed;
  CurlText host;
  CurlText port;
  // CURLU_NON_SUPPORT_SCHEME: socks5h:// is a proxy scheme, not a URL scheme curl knows.
  if (curl_url_set(parsed.handle, CURLUPART_URL, proxy.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
      curl_url_get(parsed.handle, CURLUPART_HOST, &host.text, 0) != CURLUE_OK) {
    return;
  }
  const bool https = proxy.size() > 8 && curl_strnequal(proxy.c_str(), "https://", 8);
  const bool has_port = curl_url_get(parsed.handle, CURLUPART_PORT, &port.text, 0) == CURLUE_OK;
  allow_host(host.text, has_port ? port.text : https ? "443" : "1080", policy);
}

}  // namespace

std::shared_ptr<const AddressPolicy> address_policy_for(const config::Job& job) {
  if (job.http.allow_all_addresses) return std::make_shared<AddressPolicy>(AddressPolicy::allow_all());
  auto policy = std::make_shared<AddressPolicy>();
  for (const std::string& entry : job.http.allow_private_addresses) {
    (void)policy->allow(entry);  // validated when the job was loaded
  }
  for (const Url& url : config::seed_urls(job)) allow_origin(url, *policy);  // sitemaps start a crawl too
  // Through a proxy every connection goes to the proxy; where it connects
  // next is the proxy's business (see the README).
  if (!job.http.proxy.empty()) allow_proxy(job.http.proxy, *policy);
  return policy;
}

}  // namespace gleaner::engine
