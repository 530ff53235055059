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
#include <optional>
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
  // Gives its buffers to the next index built on this thread: a page's index
  // is a few hundred KiB, and one crawl builds thousands.
  ~ElementIndex();
  ElementIndex(ElementIndex&&) noexcept = default;
  ElementIndex& operator=(ElementIndex&&) noexcept = default;

  // The node this index covers: selections scoped to it may use it.
  const GumboNode* root() const { return root_; }

  // A superset of the elements that match some member of `list`, in document
  // order, each once: either all elements, or the union of the members'
  // buckets, written into `storage`. Only the compounds' keys are consulted;
  // the caller still matches every candidate. Where a compound the subject
  // must descend from (`ol.breadcrumb` in `ol.breadcrumb li a`) has rarer
  // keys than the subject, only the subject's elements inside those
  // elements' subtrees are candidates.
  std::span<const GumboNode* const> candidates(const SelectorList& list,
                                               std::vector<const GumboNode*>& storage) const;

  std::size_t size() const { return storage_.elements.size(); }

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

  // The buffers, kept together so that they can be handed on whole.
  struct Storage {
    std::vector<const GumboNode*> elements;  // document order
    std::vector<std::uint32_t> subtree_ends;  // per element: the position after its last descendant
    std::vector<Posting> postings;
    std::vector<Bucket> buckets;  // open addressing; size a power of two
    // Tags are gumbo's small enum: a bucket each, found without hashing.
    std::vector<Bucket> tags = std::vector<Bucket>(GUMBO_TAG_LAST + 1);
  };
  // The subject's bucket (nullptr: every element), narrowed to one
  // ancestor's subtrees when `ancestor` is not nullptr.
  struct Choice {
    const Bucket* subject = nullptr;
    const Bucket* ancestor = nullptr;
  };

  void file_element(const GumboNode* element, std::uint32_t position);
  void file_under(std::uint64_t key, std::uint32_t position) { file_in(bucket_for(key), position); }
  void file_in(Bucket& bucket, std::uint32_t position);
  Bucket& bucket_for(std::uint64_t key);
  const Bucket* find(std::uint64_t key) const;
  void grow();
  // The bucket with the fewest elements among the keys `compound` requires;
  // nullptr when it requires none (`*`, `:not(p)`): every element is a candidate.
  // A key no element has gives a bucket with count 0.
  const Bucket* rarest_key(const CompoundSelector& compound, Bucket& absent) const;
  // nullopt when no element can match `selector`.
  std::optional<Choice> choose(const ComplexSelector& selector, Bucket& absent) const;
  // Appends the positions `choice` stands for, in document order.
  void append_positions(const Choice& choice, std::vector<std::uint32_t>& positions) const;

  // The buffers of this thread's last index, for its next one.
  static thread_local std::optional<Storage> spare_storage_;
  static Storage take_storage();

  const GumboNode* root_;
  Storage storage_;
  std::size_t keys_ = 0;
};

}  // namespace gleaner::html
