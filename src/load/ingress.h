// The loader's front door for yaml-cpp's events: expands aliases within a
// budget of the input's size (replaying the anchored events), bounds the
// nesting depth, and hands everything else to the record builder.
// Internal to the loader (loader.cc includes it once, after builder.h).
#pragma once

#include "load/builder.h"

namespace rurume {

namespace {

using detail::Builder;

/// Receives yaml-cpp's events: expands aliases within a budget, bounds the
/// nesting depth, and hands everything else to the Builder.
class Ingress : public YAML::EventHandler {
 public:
  Ingress(Builder& b, const LoadLimits& limits, const InputStreambuf& input)
      : b_(b), max_depth_(limits.max_depth), allowance_(limits.alias_event_allowance), input_(input) {}

  void OnDocumentStart(const YAML::Mark& m) override {
    // yaml-cpp 0.7 does not consume a ',' at the top level: it starts empty
    // documents there forever. A document that starts where the one before
    // it did has read nothing.
    if (documents_++ > 0 && m.pos == last_document_pos_)
      throw YAML::ParserException(m, "unexpected token at the top level");
    last_document_pos_ = m.pos;
    anchors_.clear();
    log_.clear();
    open_.clear();
    b_.NoteDocumentMark(m);
    b_.DocumentStart();
  }
  void OnDocumentEnd() override { b_.DocumentEnd(); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override {
    Record(Ev::Null, m, std::string(), std::string(), a);
    b_.Null(m);
    CloseScalarAnchor(a);
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, const std::string& raw) override {
    std::string value = raw;
    input_.scanner().FixValue(m.pos, value);  // `?` in a flow plain scalar (yaml_scan.h)
    Record(Ev::Scalar, m, tag, value, a);
    b_.Scalar(m, tag, value);
    CloseScalarAnchor(a);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value) override {
    StartNode(Ev::SeqStart, NodeKind::Seq, m, tag, a);
  }
  void OnSequenceEnd() override { EndNode(Ev::SeqEnd); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                  YAML::EmitterStyle::value) override {
    StartNode(Ev::MapStart, NodeKind::Map, m, tag, a);
  }
  void OnMapEnd() override { EndNode(Ev::MapEnd); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override {
    if (!open_.empty()) log_.push_back(Event{Ev::Alias, m, {}, {}, a});
    Replay(m, a);
  }

 private:
  enum class Ev : uint8_t { Scalar, Null, SeqStart, SeqEnd, MapStart, MapEnd, Alias };
  struct Event {
    Ev type;
    YAML::Mark mark;
    std::string tag;
    std::string value;
    YAML::anchor_t anchor;
  };
  struct Span {
    size_t begin = 0, end = 0;
    bool closed = false;
  };
  struct Open {
    YAML::anchor_t anchor;
    int depth;
  };

  void Record(Ev type, const YAML::Mark& m, const std::string& tag, const std::string& value, YAML::anchor_t a) {
    if (a != 0) {
      if (anchors_.size() <= a) anchors_.resize(a + 1);
      anchors_[a] = Span{log_.size(), log_.size(), false};
      open_.push_back(Open{a, depth_});  // a node's own depth: StartNode has counted it
    }
    if (!open_.empty()) log_.push_back(Event{type, m, tag, value, 0});
  }

  void CloseScalarAnchor(YAML::anchor_t a) {
    if (a == 0) return;
    anchors_[a].end = log_.size();
    anchors_[a].closed = true;
    open_.pop_back();
  }

  void StartNode(Ev type, NodeKind kind, const YAML::Mark& m, const std::string& tag, YAML::anchor_t a) {
    if (++depth_ > max_depth_) b_.Abort(Code::DepthLimit, m, {std::to_string(max_depth_)});
    Record(type, m, tag, std::string(), a);
    b_.Start(kind, m, tag);
  }

  void EndNode(Ev type) {
    if (!open_.empty()) log_.push_back(Event{type, YAML::Mark(), {}, {}, 0});
    b_.End();
    while (!open_.empty() && open_.back().depth == depth_) {
      Span& s = anchors_[open_.back().anchor];
      s.end = log_.size();
      s.closed = true;
      open_.pop_back();
    }
    --depth_;
  }

  void Replay(const YAML::Mark& at, YAML::anchor_t a) {
    // The budget grows with the input read so far: expansion may add about
    // as much as the file itself holds, plus a fixed allowance.
    const size_t budget = static_cast<size_t>(input_.bytes_read()) + allowance_;
    if (a >= anchors_.size() || !anchors_[a].closed)
      b_.Abort(Code::AliasLimit, at, {std::to_string(budget)});  // an alias inside its own anchor
    Span s = anchors_[a];
    for (size_t i = s.begin; i < s.end; ++i) {
      const Event& e = log_[i];
      // A scalar's bytes count as events too: aliases of one long scalar
      // must not copy it without bound.
      replayed_ += 1 + e.value.size();
      if (replayed_ > budget) b_.Abort(Code::AliasLimit, at, {std::to_string(budget)});
      switch (e.type) {
        case Ev::Scalar: b_.Scalar(e.mark, e.tag, e.value); break;
        case Ev::Null: b_.Null(e.mark); break;
        case Ev::SeqStart:
        case Ev::MapStart:
          if (++depth_ > max_depth_) b_.Abort(Code::DepthLimit, at, {std::to_string(max_depth_)});
          b_.Start(e.type == Ev::MapStart ? NodeKind::Map : NodeKind::Seq, e.mark, e.tag);
          break;
        case Ev::SeqEnd:
        case Ev::MapEnd:
          b_.End();
          --depth_;
          break;
        case Ev::Alias: Replay(at, e.anchor); break;
      }
    }
  }

  Builder& b_;
  int max_depth_;
  size_t allowance_;
  const InputStreambuf& input_;
  size_t replayed_ = 0;
  int depth_ = 0;
  int documents_ = 0;
  int last_document_pos_ = -1;
  std::vector<Span> anchors_;
  std::vector<Event> log_;
  std::vector<Open> open_;
};


}  // namespace

}  // namespace rurume
