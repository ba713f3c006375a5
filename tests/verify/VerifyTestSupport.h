#pragma once
// Observations built by hand, for the comparison and format tests.
#include "verify/Report.h"

namespace restage::verify::test {

inline SideObservation exitedSide(int status, const std::string& out, const std::string& err = "") {
  SideObservation s;
  s.built = true;
  s.run.started = true;
  s.run.exited = true;
  s.run.exitStatus = status;
  s.run.exitedAfter = 0.4;
  s.run.watchedFor = 0.4;
  s.run.stdoutText = out;
  s.run.stderrText = err;
  return s;
}

inline SideObservation serverSide(int httpStatus, const std::string& body) {
  SideObservation s;
  s.built = true;
  s.run.started = true;
  s.run.watchedFor = 10;
  ProbeObservation p;
  p.kind = ProbeKind::Http;
  p.target = ":8080/";
  p.answered = true;
  p.status = httpStatus;
  p.body = body;
  s.probes.push_back(p);
  s.facts.exposed = {"8080/tcp"};
  return s;
}

}  // namespace restage::verify::test
