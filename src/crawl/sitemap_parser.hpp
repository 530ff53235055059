// SitemapParser: a push parser for sitemap files (sitemaps.org 0.9), fed the
// body chunk by chunk as it downloads, gzip or not, so that a 50 MB sitemap
// never sits in memory whole. Pure: no I/O; the engine fetches and enqueues.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include "core/result.hpp"
#include "crawl/sitemap_entry.hpp"

namespace gleaner::crawl {

struct SitemapLimits {
  // sitemaps.org: at most 50 MB (52,428,800 bytes) uncompressed; a little
  // slack for generators that round. Counted after gunzip, so a bomb stops here.
  std::size_t max_bytes = 50 * 1024 * 1024 + 64 * 1024;
  // sitemaps.org: at most 50,000 <url> (or <sitemap>) per file.
  std::size_t max_entries = 50'000;
  // sitemaps.org wants < 2,048 characters; longer <loc>s are skipped, not kept.
  std::size_t max_loc_bytes = 8 * 1024;
};

class SitemapParser {
 public:
  using OnEntry = std::function<void(SitemapKind, SitemapEntry)>;

  // `on_entry` is called, from inside feed()/finish(), for each <url> or
  // <sitemap> with a <loc> as soon as its closing tag is seen. An exception
  // it throws propagates out of feed() and leaves the parser failed.
  explicit SitemapParser(OnEntry on_entry, SitemapLimits limits = {});
  ~SitemapParser();
  SitemapParser(const SitemapParser&) = delete;
  SitemapParser& operator=(const SitemapParser&) = delete;
  SitemapParser(SitemapParser&&) noexcept;
  SitemapParser& operator=(SitemapParser&&) noexcept;

  // The next chunk of the body. A body that starts with the gzip magic
  // (1f 8b) is inflated as it goes. An error (malformed XML, a root that is
  // not <urlset>/<sitemapindex>, a DTD that declares entities, more than
  // max_bytes or max_entries) is final: later calls return it again, and the
  // entries delivered before it stand.
  Result<void> feed(std::string_view chunk);
  // End of the body: reports a document or gzip stream cut short.
  Result<void> finish();

  SitemapKind kind() const;
  std::size_t entries() const;  // delivered to on_entry so far
  std::size_t skipped() const;  // <url>/<sitemap> without a usable <loc>

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gleaner::crawl
