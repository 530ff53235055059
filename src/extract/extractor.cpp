#include "extract/extractor.hpp"

#include "extract/item_records.hpp"
#include "extract/link_hrefs.hpp"
#include "extract/link_resolver.hpp"
#include "html/document.hpp"

namespace gleaner::extract {

Page Extractor::extract(const Url& page_url, std::string_view body) const {
  return extract(PageContext(page_url), std::string(body));
}

Page Extractor::extract(const PageContext& context, std::string body) const {
  Page page;
  const html::Document document = html::Document::parse(std::move(body));

  const Url base = *document_base(document, context.url);
  const LinkResolver resolver(base);
  const std::vector<std::string_view> hrefs = link_hrefs(document, job_.follow);
  page.links.reserve(hrefs.size());
  for (const std::string_view href : hrefs) {
    if (auto url = resolver.resolve(href)) {
      page.links.push_back(std::move(*url));
    } else {
      ++page.unresolvable_links;
    }
  }

  // Item rules in job order, each one's records in document order.
  for (std::size_t rule = 0; rule < job_.items.size(); ++rule) {
    const config::ItemRule& item = job_.items[rule];
    if (item_applies(item, context.url, document)) extract_items(item, rule, context, document, base, page);
  }
  return page;
}

}  // namespace gleaner::extract
