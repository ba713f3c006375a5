#pragma once
// A lexer ATN simulator with a per-instance, lock-free cache of DFA edges.
//
// The ANTLR 4.9 C++ runtime looks up every DFA edge in a hash map under a
// reader lock, once per input character. Dockerfiles are lexed many per
// second, so each simulator (one per thread) keeps a flat table
// [mode][state][byte] -> target state in front of the shared DFA. Misses fall
// through to the runtime, which stays the single owner of the DFA.
#include <array>
#include <atomic>
#include <memory>
#include <vector>

#include "antlr4-runtime.h"

namespace restage::syntax {

class CachingLexerSimulator : public antlr4::atn::LexerATNSimulator {
 public:
  CachingLexerSimulator(antlr4::Lexer* recog, const antlr4::atn::ATN& atn,
                        std::vector<antlr4::dfa::DFA>& decisionToDFA,
                        antlr4::atn::PredictionContextCache& contextCache);

  static constexpr std::size_t kMaxModes = 64;

  size_t match(antlr4::CharStream* input, size_t mode) override;

 protected:
  antlr4::dfa::DFAState* getExistingTargetState(antlr4::dfa::DFAState* s, size_t t) override;

 private:
  using Row = std::array<antlr4::dfa::DFAState*, 256>;
  std::vector<std::vector<std::unique_ptr<Row>>> table_;  // [mode][state number]
  size_t mode_ = 0;
  // Per DFA set (one per grammar), shared by every thread: whether a mode's
  // start state exists yet (see match()).
  std::array<std::atomic<bool>, kMaxModes>& started_;
};

}  // namespace restage::syntax
