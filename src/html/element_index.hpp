// ElementIndex: a document's elements in document order, filed under their
// tag, id, classes and attribute names, as browsers file style rules by the
// subject's key. A selector whose subject compound names one of those
// (`a`, `#main`, `.price`, `[itemprop=sku]`) is then tried only on the
// elements filed under its rarest key instead of on the whole tree. A job
// runs a dozen selectors or more over every page: one walk to build this
// replaces a walk per selector, and most elements are never looked at.
// Built once per page (html::Document::index()), then read-only.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "html/selector.hpp"

namespace gleaner::html {

class ElementIndex {
 public:
  // Every element below `document` (a GUMBO_NODE_DOCUMENT node), skipping
  // <template> contents as selectors do.
  explicit ElementIndex(const GumboNode* document);

  // The node this index covers: selections scoped to it may use it.
  const GumboNode* root() const { return root_; }

  // A superset of the elements that match some member of `list`, in document
  // order, each once: either all elements, or the union of the members'
  // buckets, written into `storage`. Only the subject compounds are consulted;
  // the caller still matches every candidate.
  std::span<const GumboNode* const> candidates(const SelectorList& list,
                                               std::vector<const GumboNode*>& storage) const;

  std::size_t size() const { return elements_.size(); }

 private:
  // Postings chain the elements filed under one key, in document order.
  struct Posting {
    std::uint32_t element;  // position in elements_
    std::uint32_t next;     // next posting of the same key, or no_posting
  };
  struct Bucket {
    std::uint64_t key = 0;  // 0: an empty slot
    std::uint32_t head = 0;
    std::uint32_t tail = 0;
    std::uint32_t count = 0;
  };
  static constexpr std::uint32_t no_posting = UINT32_MAX;

  void file_element(const GumboNode* element, std::uint32_t position);
  void file_under(std::uint64_t key, std::uint32_t position);
  Bucket& bucket_for(std::uint64_t key);
  const Bucket* find(std::uint64_t key) const;
  void grow();
  // The bucket with the fewest elements among the keys `compound` requires;
  // nullptr when it requires none (`*`, `:not(p)`): every element is a candidate.
  // A key no element has gives a bucket with count 0.
  const Bucket* rarest_key(const CompoundSelector& compound, Bucket& absent) const;
  bool cannot_match(const ComplexSelector& selector, Bucket& absent) const;

  const GumboNode* root_;
  std::vector<const GumboNode*> elements_;
  std::vector<Posting> postings_;
  std::vector<Bucket> buckets_;  // open addressing; size a power of two
  std::size_t keys_ = 0;
};

}  // namespace gleaner::html
