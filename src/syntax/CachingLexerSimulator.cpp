#include "syntax/CachingLexerSimulator.h"

#include <map>
#include <mutex>

namespace restage::syntax {

namespace {

// ANTLR 4.9 sets a mode's DFA start state (DFA::s0) the first time a lexer
// enters that mode, without a lock, and every lexer reads it without one: two
// threads lexing their first files race on it (ThreadSanitizer shows it in a
// batch). Until a mode has its start state, its matches run one at a time
// under this mutex; the mode's flag, set with release after that, orders every
// later reader after the thread that wrote s0.
std::mutex gStartMutex;

std::array<std::atomic<bool>, CachingLexerSimulator::kMaxModes>& startedFlags(const void* dfas) {
  static std::map<const void*, std::array<std::atomic<bool>, CachingLexerSimulator::kMaxModes>> flags;
  std::lock_guard lock(gStartMutex);
  return flags[dfas];
}

}  // namespace

CachingLexerSimulator::CachingLexerSimulator(antlr4::Lexer* recog, const antlr4::atn::ATN& atn,
                                             std::vector<antlr4::dfa::DFA>& decisionToDFA,
                                             antlr4::atn::PredictionContextCache& contextCache)
    : LexerATNSimulator(recog, atn, decisionToDFA, contextCache),
      table_(decisionToDFA.size()),
      started_(startedFlags(&decisionToDFA)) {}

size_t CachingLexerSimulator::match(antlr4::CharStream* input, size_t mode) {
  mode_ = mode;
  if (mode < started_.size() && !started_[mode].load(std::memory_order_acquire)) {
    std::lock_guard lock(gStartMutex);
    size_t type = LexerATNSimulator::match(input, mode);
    if (_decisionToDFA[mode].s0 != nullptr) started_[mode].store(true, std::memory_order_release);
    return type;
  }
  return LexerATNSimulator::match(input, mode);
}

antlr4::dfa::DFAState* CachingLexerSimulator::getExistingTargetState(antlr4::dfa::DFAState* s, size_t t) {
  if (t >= 256 || s->stateNumber < 0 || mode_ >= table_.size()) {
    return LexerATNSimulator::getExistingTargetState(s, t);
  }
  auto& rows = table_[mode_];
  auto n = static_cast<size_t>(s->stateNumber);
  if (n >= rows.size()) rows.resize(n + 1);
  if (!rows[n]) {
    rows[n] = std::make_unique<Row>();
    rows[n]->fill(nullptr);
  }
  antlr4::dfa::DFAState*& cached = (*rows[n])[t];
  if (cached == nullptr) cached = LexerATNSimulator::getExistingTargetState(s, t);
  return cached;
}

}  // namespace restage::syntax
