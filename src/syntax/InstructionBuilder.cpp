#include "syntax/InstructionBuilder.h"

#include <algorithm>

#include "syntax/GoText.h"
#include "syntax/LexerState.h"
#include "syntax/VariableScanner.h"

namespace restage::syntax {

void LogicalLineMap::add(std::size_t logicalBegin, std::size_t sourceBegin, std::size_t length) {
  if (length == 0) return;
  if (!segments_.empty()) {
    auto& last = segments_.back();
    if (last.logical + last.length == logicalBegin && last.source + last.length == sourceBegin) {
      last.length += length;
      return;
    }
  }
  segments_.push_back({logicalBegin, sourceBegin, length});
}

std::size_t LogicalLineMap::toSource(std::size_t logicalOffset) const {
  if (segments_.empty()) return 0;
  auto it = std::upper_bound(segments_.begin(), segments_.end(), logicalOffset,
                             [](std::size_t off, const Segment& s) { return off < s.logical; });
  if (it == segments_.begin()) return segments_.front().source;
  const Segment& s = *(it - 1);
  if (logicalOffset >= s.logical + s.length) return s.source + s.length;
  return s.source + (logicalOffset - s.logical);
}

ast::SourceRange LogicalLineMap::toSource(Span span) const {
  if (span.end <= span.begin) {
    std::size_t at = toSource(span.begin);
    return {at, at};
  }
  return {toSource(span.begin), toSource(span.end - 1) + 1};
}

namespace {

ast::Value valueOf(const LineValue& v, const LogicalLineMap& map) {
  return {v.value, map.toSource(v.span)};
}

ast::Flag typedFlag(const LineValue& v, const LogicalLineMap& map) {
  ast::Flag f;
  f.raw = v.value;
  f.range = map.toSource(v.span);
  std::string_view body = v.value;
  if (body.substr(0, 2) == "--") body.remove_prefix(2);
  auto eq = body.find('=');
  if (eq == std::string_view::npos) {
    f.name = std::string(body);
  } else {
    f.name = std::string(body.substr(0, eq));
    f.value = std::string(body.substr(eq + 1));
  }
  return f;
}

ast::MountSpec parseMount(std::string_view value) {
  ast::MountSpec spec;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto comma = value.find(',', start);
    std::string_view field = value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!field.empty()) {
      auto eq = field.find('=');
      if (eq == std::string_view::npos) spec.options.emplace_back(std::string(field), "");
      else spec.options.emplace_back(std::string(field.substr(0, eq)), std::string(field.substr(eq + 1)));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return spec;
}

ast::CommandLine commandLine(const std::vector<ast::Value>& values, std::size_t from, bool json) {
  ast::CommandLine c;
  c.exec = json;
  if (json) {
    c.argv.assign(values.begin() + static_cast<std::ptrdiff_t>(std::min(from, values.size())), values.end());
  } else if (from < values.size()) {
    c.script = values[from];
  }
  return c;
}

std::optional<std::string> flagValue(const ast::Instruction& ins, std::string_view name) {
  if (const auto* f = ins.flag(name)) return f->value.value_or("");
  return std::nullopt;
}

void fillPayload(ast::Instruction& ins) {
  using K = ast::InstructionKind;
  switch (ins.kind) {
    case K::From: {
      ast::FromArgs a;
      if (!ins.nodes.empty()) a.image = ins.nodes[0];
      if (ins.nodes.size() >= 3 && asciiLower(ins.nodes[1].text) == "as") a.stageName = ins.nodes[2];
      a.platform = flagValue(ins, "platform");
      ins.payload = std::move(a);
      break;
    }
    case K::Run: {
      ast::RunArgs a;
      a.command = commandLine(ins.nodes, 0, ins.json);
      for (const auto& f : ins.flags) {
        if (f.name == "mount" && f.value) a.mounts.push_back(parseMount(*f.value));
      }
      a.network = flagValue(ins, "network");
      a.security = flagValue(ins, "security");
      ins.payload = std::move(a);
      break;
    }
    case K::Cmd: case K::Entrypoint: case K::Shell:
      ins.payload = ast::CommandArgs{commandLine(ins.nodes, 0, ins.json)};
      break;
    case K::Copy: case K::Add: {
      ast::CopyArgs a;
      a.json = ins.json;
      if (!ins.nodes.empty()) {
        a.sources.assign(ins.nodes.begin(), ins.nodes.end() - 1);
        a.destination = ins.nodes.back();
      }
      a.from = flagValue(ins, "from");
      a.chown = flagValue(ins, "chown");
      a.chmod = flagValue(ins, "chmod");
      a.checksum = flagValue(ins, "checksum");
      a.link = ins.flag("link") != nullptr && flagValue(ins, "link") != "false";
      a.parents = ins.flag("parents") != nullptr && flagValue(ins, "parents") != "false";
      a.keepGitDir = ins.flag("keep-git-dir") != nullptr && flagValue(ins, "keep-git-dir") != "false";
      for (const auto& f : ins.flags) {
        if (f.name == "exclude" && f.value) a.excludes.push_back(*f.value);
      }
      ins.payload = std::move(a);
      break;
    }
    case K::Env: case K::Label: {
      ast::KeyValueArgs a;
      for (std::size_t i = 0; i + 3 <= ins.nodes.size(); i += 3) {
        a.pairs.push_back({ins.nodes[i], ins.nodes[i + 1]});
        a.legacyForm = ins.nodes[i + 2].text.empty();
      }
      ins.payload = std::move(a);
      break;
    }
    case K::Arg: {
      ast::ArgArgs a;
      for (const auto& n : ins.nodes) {
        ast::ArgDecl d;
        auto eq = n.text.find('=');
        if (eq == std::string::npos) {
          d.name = n;
        } else {
          d.name = {n.text.substr(0, eq), {n.range.begin, std::min(n.range.end, n.range.begin + eq)}};
          d.defaultValue = ast::Value{n.text.substr(eq + 1), {std::min(n.range.end, n.range.begin + eq + 1), n.range.end}};
        }
        a.decls.push_back(std::move(d));
      }
      ins.payload = std::move(a);
      break;
    }
    case K::User: case K::Workdir: case K::StopSignal: case K::Maintainer: {
      ast::StringArgs a;
      if (!ins.nodes.empty()) a.value = ins.nodes[0];
      ins.payload = std::move(a);
      break;
    }
    case K::Expose: case K::Volume:
      ins.payload = ast::ListArgs{ins.nodes, ins.json};
      break;
    case K::Healthcheck: {
      ast::HealthcheckArgs a;
      if (!ins.nodes.empty()) a.type = ins.nodes[0];
      a.command = commandLine(ins.nodes, 1, ins.json);
      a.interval = flagValue(ins, "interval");
      a.timeout = flagValue(ins, "timeout");
      a.startPeriod = flagValue(ins, "start-period");
      a.startInterval = flagValue(ins, "start-interval");
      a.retries = flagValue(ins, "retries");
      ins.payload = std::move(a);
      break;
    }
    case K::Onbuild:  // filled by the caller, which has the trigger's line node
    case K::Unknown:
      break;
  }
}

}  // namespace

std::optional<std::size_t> fillInstruction(ast::Instruction& ins, const LineNode& node, const LogicalLineMap& map,
                                           std::string_view logical, char escape) {
  std::optional<std::size_t> tooDeep;
  ins.cmd = node.cmd;
  ins.kind = ast::instructionKindFromCmd(node.cmd);
  ins.keyword = map.toSource(node.cmdSpan);
  ins.json = node.json;
  for (const auto& f : node.flags) ins.flags.push_back(typedFlag(f, map));
  for (const auto& v : node.values) ins.nodes.push_back(valueOf(v, map));
  if (ins.kind != ast::InstructionKind::Onbuild) {
    // Variables in the arguments, located in the logical line.
    Span args = node.argsSpan;
    VariableScan scan = scanVariables(logical.substr(args.begin, args.end - args.begin), escape);
    ins.variables.reserve(scan.variables.size());
    for (auto& ref : scan.variables) {
      ast::VariableRef v = std::move(ref.ref);
      v.range = map.toSource(Span{args.begin + ref.span.begin, args.begin + ref.span.end});
      v.wordBegin = args.begin + ref.word.begin;
      v.wordEnd = args.begin + ref.word.end;
      ins.variables.push_back(std::move(v));
    }
    if (scan.tooDeepAt) tooDeep = args.begin + *scan.tooDeepAt;
  }
  fillPayload(ins);
  if (node.child) {
    auto trigger = std::make_shared<ast::Instruction>();
    auto inner = fillInstruction(*trigger, *node.child, map, logical, escape);
    if (inner && !tooDeep) tooDeep = inner;
    std::size_t triggerStart = node.child->cmdSpan.begin;
    trigger->range = map.toSource(Span{triggerStart, node.argsSpan.end});
    trigger->logicalLine = std::string(logical.substr(triggerStart));
    // The trigger's words are offsets into its own logical line.
    for (auto& v : trigger->variables) {
      v.wordBegin -= triggerStart;
      v.wordEnd -= triggerStart;
    }
    ins.payload = ast::OnbuildArgs{std::move(trigger)};
  }
  return tooDeep;
}

void InstructionBuilder::fail(const std::string& message, std::size_t offset, std::size_t endLine) {
  if (doc_.error && doc_.error->range.begin <= offset) return;
  ast::Diagnostic d;
  d.message = message;
  d.range = {offset, offset};
  d.position = doc_.lines.position(offset);
  d.endLine = endLine;
  doc_.error = std::move(d);
}

void InstructionBuilder::add(std::span<const ast::Token> tokens, std::vector<std::string> comments) {
  using TK = ast::TokenKind;
  ast::Instruction ins;
  ins.comments = std::move(comments);
  std::string logical;
  LogicalLineMap map;
  bool emptyContinuation = false;
  std::size_t i = 0;
  std::size_t lineStartOffset = tokens.front().range.begin;
  // The first token carries the line's leading blanks, which BuildKit trims.
  std::size_t first = lineStartOffset;
  while (first < tokens.front().range.end && LexerState::isLineBlank(static_cast<unsigned char>(doc_.source[first]))) ++first;
  std::size_t lastContent = first;  // start of the last token that is part of the instruction
  std::size_t contentEnd = first;
  for (; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.kind == TK::EndOfInstruction || t.kind == TK::HeredocLine || t.kind == TK::HeredocEnd) break;
    lastContent = t.range.begin;
    contentEnd = t.range.end;
    switch (t.kind) {
      case TK::Keyword: case TK::Text: case TK::Whitespace: case TK::CarriageReturn: {
        std::size_t b = std::max(t.range.begin, first);
        map.add(logical.size(), b, t.range.end - b);
        logical.append(doc_.text({b, t.range.end}));
        break;
      }
      case TK::EmptyContinuation:
        emptyContinuation = true;
        break;
      default:
        break;
    }
  }
  // Trailing newlines of a continuation's last skipped line are not content.
  std::size_t endOfLine = contentEnd;
  while (endOfLine > first && doc_.source[endOfLine - 1] == '\n') --endOfLine;
  ins.startLine = doc_.lines.line(first);
  ins.logicalLine = logical;

  LineNode node;
  LineError error;
  if (!parseLine(logical, doc_.escape, node, error)) {
    ins.endLine = doc_.lines.line(lastContent);
    fail(error.message, map.toSource(error.span.begin), ins.endLine);
    node.values.clear();
  }
  if (auto tooDeep = fillInstruction(ins, node, map, logical, doc_.escape)) {
    ins.endLine = doc_.lines.line(lastContent);
    fail("variable references nested more than " + std::to_string(kMaxVariableNesting) +
             " levels deep (restage's limit on ${...} inside ${...})",
         map.toSource(*tooDeep), ins.endLine);
  }

  // Heredoc bodies.
  std::size_t end = endOfLine;
  std::size_t eolEnd = contentEnd;
  if (i < tokens.size() && tokens[i].kind == TK::EndOfInstruction) {
    eolEnd = tokens[i].range.end;
    ++i;
  }
  auto specs = heredocsForLine(logical);
  for (const auto& spec : specs) {
    ast::Heredoc h;
    h.name = spec.name;
    h.expand = spec.expand;
    h.chomp = spec.chomp;
    h.fd = spec.fd;
    h.word = map.toSource(spec.span);
    std::size_t bodyBegin = i < tokens.size() ? tokens[i].range.begin : eolEnd;
    std::size_t bodyEnd = bodyBegin;
    bool terminated = false;
    for (; i < tokens.size(); ++i) {
      const auto& t = tokens[i];
      lastContent = t.range.begin;
      if (t.kind == TK::HeredocEnd) {
        h.terminator = t.range;
        terminated = true;
        end = t.range.end;
        while (end > t.range.begin && (doc_.source[end - 1] == '\n' || doc_.source[end - 1] == '\r')) --end;
        eolEnd = t.range.end;
        ++i;
        break;
      }
      h.content.append(doc_.text(t.range));
      bodyEnd = t.range.end;
      end = bodyEnd;
      eolEnd = bodyEnd;
    }
    h.body = {bodyBegin, bodyEnd};
    if (!terminated) {
      fail("unterminated heredoc", first, doc_.lines.line(lastContent));
      ins.heredocs.push_back(std::move(h));
      break;
    }
    ins.heredocs.push_back(std::move(h));
  }
  ins.endLine = doc_.lines.line(lastContent);
  ins.range = {first, end};
  ins.lines = {lineStartOffset, eolEnd};
  if (emptyContinuation) doc_.warnings.push_back("Empty continuation line found in: " + logical);
  doc_.instructions.push_back(std::move(ins));
}

void InstructionBuilder::finishStages() {
  for (std::size_t i = 0; i < doc_.instructions.size(); ++i) {
    const auto& ins = doc_.instructions[i];
    if (ins.kind != ast::InstructionKind::From) continue;
    if (!doc_.stages.empty()) doc_.stages.back().end = i;
    ast::Stage s;
    s.index = doc_.stages.size();
    s.from = i;
    if (const auto* a = ins.as<ast::FromArgs>()) {
      s.base = a->image.text;
      if (a->stageName) s.name = asciiLower(a->stageName->text);
    }
    doc_.stages.push_back(std::move(s));
  }
  if (!doc_.stages.empty()) doc_.stages.back().end = doc_.instructions.size();
}

}  // namespace restage::syntax
