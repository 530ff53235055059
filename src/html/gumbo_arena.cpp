// GumboArena: chunked bump allocation, chunks recycled through a per-thread pool.
#include "html/gumbo_arena.hpp"

#include <new>

namespace gleaner::html {

namespace {

std::byte* new_block(std::size_t size) {
  return static_cast<std::byte*>(::operator new(size, std::align_val_t{GumboArena::alignment}));
}

void delete_block(std::byte* block) { ::operator delete(block, std::align_val_t{GumboArena::alignment}); }

// Room for one more pointer before the block it will hold is allocated, so
// that a throwing push_back cannot leak that block. Grows geometrically.
void reserve_one_more(std::vector<std::byte*>& blocks) {
  if (blocks.size() == blocks.capacity()) blocks.reserve(2 * blocks.size() + 8);
}

// Free chunks of one thread. A pool is only ever touched by its own thread,
// so it needs no lock; an arena destroyed on another thread than the one it
// allocated on simply hands its chunks to that other thread's pool.
struct ChunkPool {
  std::vector<std::byte*> free_chunks;

  ChunkPool();
  ChunkPool(const ChunkPool&) = delete;
  ChunkPool& operator=(const ChunkPool&) = delete;
  ~ChunkPool();
};

// Trivially destructible, so still readable while thread_local destructors
// run: an arena destroyed after its thread's pool (from another
// thread_local's destructor) then frees its chunks instead of pooling them.
thread_local bool pool_destroyed = false;

ChunkPool::ChunkPool() { free_chunks.reserve(GumboArena::pooled_chunks_per_thread); }

ChunkPool::~ChunkPool() {
  for (std::byte* chunk : free_chunks) delete_block(chunk);
  pool_destroyed = true;
}

ChunkPool* this_thread_pool() {
  if (pool_destroyed) return nullptr;
  thread_local ChunkPool pool;
  return &pool;
}

void* gumbo_allocate(void* arena, std::size_t size) noexcept {
  // gumbo does not check for a failed allocation; a bad_alloc escaping this
  // noexcept hook ends the process at once instead of a null dereference later.
  return static_cast<GumboArena*>(arena)->allocate(size);
}

// Blocks live until the arena is reset or destroyed; gumbo frees many blocks
// mid-parse (each buffer it outgrows), and that space is simply not reused.
void gumbo_deallocate(void*, void*) noexcept {}

}  // namespace

GumboArena::~GumboArena() { release_all(); }

void* GumboArena::allocate(std::size_t size) {
  if (size > large_block) return allocate_large(size);
  const std::size_t rounded = size == 0 ? alignment : (size + alignment - 1) & ~(alignment - 1);
  if (rounded > chunk_size - offset_) start_chunk();
  std::byte* block = chunks_.back() + offset_;
  offset_ += rounded;
  bytes_used_ += rounded;
  return block;
}

void GumboArena::reset() { release_all(); }

std::size_t GumboArena::pooled_chunks_on_this_thread() {
  const ChunkPool* pool = this_thread_pool();
  return pool == nullptr ? 0 : pool->free_chunks.size();
}

void GumboArena::install_in(GumboOptions& options) {
  options.allocator = &gumbo_allocate;
  options.deallocator = &gumbo_deallocate;
  options.userdata = this;
}

void* GumboArena::allocate_large(std::size_t size) {
  reserve_one_more(large_blocks_);
  std::byte* block = new_block(size);
  large_blocks_.push_back(block);
  bytes_used_ += size;
  return block;
}

void GumboArena::start_chunk() {
  reserve_one_more(chunks_);
  ChunkPool* pool = this_thread_pool();
  if (pool != nullptr && !pool->free_chunks.empty()) {
    chunks_.push_back(pool->free_chunks.back());
    pool->free_chunks.pop_back();
  } else {
    chunks_.push_back(new_block(chunk_size));
  }
  offset_ = 0;
}

void GumboArena::release_all() {
  ChunkPool* pool = this_thread_pool();
  for (std::byte* chunk : chunks_) {
    if (pool != nullptr && pool->free_chunks.size() < pooled_chunks_per_thread) {
      pool->free_chunks.push_back(chunk);  // capacity reserved: cannot throw
    } else {
      delete_block(chunk);
    }
  }
  for (std::byte* block : large_blocks_) delete_block(block);
  chunks_.clear();
  large_blocks_.clear();
  offset_ = chunk_size;
  bytes_used_ = 0;
}

}  // namespace gleaner::html
