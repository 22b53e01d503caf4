// accel-place's overrides=<file.json>: rules pin ops by kind, location name
// or file:line; the last matching rule wins; the remark names the rule and
// what the pass would have decided without it.
//
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-kind-host.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=KIND --implicit-check-not=warning:
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-kind-host.json %s 2>/dev/null | FileCheck %s --check-prefix=KIND-IR
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-name-accelerator.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NAME --implicit-check-not=warning:
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-last-wins.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=LAST --implicit-check-not=warning:
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-loc.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=LOC --implicit-check-not=warning:
//
// A rule that matches nothing is a warning, not an error.
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-no-match.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOMATCH
// NOMATCH: warning: {{.*}}Inputs/overrides-no-match.json: rules[0] matches no operation
// NOMATCH-NOT: rules[1] matches no operation
//
// Pinning to the accelerator an op the target cannot run is an error at the op.
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-illegal.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=ILLEGAL
// RUN: not accel-opt --accel-target=cpu --accel-place=overrides=%S/Inputs/overrides-name-accelerator.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=ILLEGAL-CPU
// ILLEGAL-CPU: error: {{.*}}Inputs/overrides-name-accelerator.json: rules[0] pins this op to the accelerator, but the target cannot run it: target 'cpu' has no accelerator
//
// Malformed files: each error names the file (and the rule).
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/does-not-exist.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: cannot read placement overrides '{{.*}}Inputs/does-not-exist.json': No such file or directory
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-invalid-json.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=INVALID
// INVALID: error: {{.*}}Inputs/overrides-invalid-json.json: invalid JSON: [1:47, byte=47]: Expected object key
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-no-rules.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-RULES
// NO-RULES: error: {{.*}}Inputs/overrides-no-rules.json: expected an object with a "rules" array
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-unknown-top-field.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN-TOP
// UNKNOWN-TOP: error: {{.*}}Inputs/overrides-unknown-top-field.json: unknown field 'version' (expected only "rules")
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-unknown-rule-field.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN-FIELD
// UNKNOWN-FIELD: error: {{.*}}Inputs/overrides-unknown-rule-field.json: rules[1]: unknown field 'op' (expected kind, name, loc, place)
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-rule-not-object.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOT-OBJECT
// NOT-OBJECT: error: {{.*}}Inputs/overrides-rule-not-object.json: rules[0]: expected an object
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-not-string.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOT-STRING
// NOT-STRING: error: {{.*}}Inputs/overrides-not-string.json: rules[0]: field 'kind' must be a string
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-bad-place.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-PLACE
// BAD-PLACE: error: {{.*}}Inputs/overrides-bad-place.json: rules[0]: expected "place": "host" or "accelerator"
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-no-place.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-PLACE
// NO-PLACE: error: {{.*}}Inputs/overrides-no-place.json: rules[0]: expected "place": "host" or "accelerator"
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-no-selector.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-SELECTOR
// NO-SELECTOR: error: {{.*}}Inputs/overrides-no-selector.json: rules[0]: expected at least one selector: kind, name or loc
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-loc-no-line.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=LOC-NO-LINE
// LOC-NO-LINE: error: {{.*}}overrides-loc-no-line.json: rules[0]: 'loc' must be "file:line" or "file:line:col", found "model.py"
//
// A malformed file stops the pass before it places anything.
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=overrides=%S/Inputs/overrides-bad-place.json %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-REMARKS
// NO-REMARKS-NOT: remark:

// Rules used below (Inputs/):
//   overrides-kind-host.json        [0] kind matmul -> host
//   overrides-name-accelerator.json [0] name fc1 -> accelerator
//   overrides-last-wins.json        [0] kind matmul -> accelerator,
//                                   [1] name fc0 -> host,
//                                   [2] kind relu -> host,
//                                   [3] kind avg_pool2d -> host,
//                                   [4] kind relu and name fc1 -> accelerator
//                                       (every selector must match: none)
//   overrides-loc.json              [0] model.py:7 -> host,
//                                   [1] nets/model.py:7:4 (wrong column),
//                                   [2] ets/model.py:7 (not a whole path
//                                       component), [3] model.py (no line)
//                                       -> accelerator: none matches
//   overrides-illegal.json          [0] kind avg_pool2d -> accelerator
//   overrides-no-match.json         [0] kind conv2d -> host, [1] name fc1 -> host

!q = !quant.uniform<i8:f32, 0.05:3>
func.func @main(%a: tensor<512x512x!q>, %b: tensor<512x512x!q>, %c: tensor<4x4x!q>, %p: tensor<1x8x8x4x!q>) -> (tensor<512x512x!q>, tensor<4x4x!q>, tensor<1x4x4x4x!q>, tensor<512x512x!q>, tensor<4x4x!q>) {
  // Would offload (see accel-place.mlir).
  // KIND: remark: loc("fc0"): host: pinned by {{.*}}Inputs/overrides-kind-host.json: rules[0] (was: offload is faster); accelerator 571392 cycles
  // NAME: remark: loc("fc0"): accelerator: offload is faster; accelerator 571392 cycles
  // LAST: remark: loc("fc0"): host: pinned by {{.*}}Inputs/overrides-last-wins.json: rules[1] (was: offload is faster);
  // LOC: remark: loc("fc0"): accelerator: offload is faster;
  // KIND-IR: accel.matmul {{.*}} {accel.placement = "host"} {{.*}} -> tensor<512x512x
  %0 = accel.matmul %a, %b acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q> loc("fc0")

  // Would stay on the host.
  // KIND: remark: loc("fc1"): host: pinned by {{.*}}Inputs/overrides-kind-host.json: rules[0] (was: host is faster); accelerator 103 cycles
  // NAME: remark: loc("fc1"): accelerator: pinned by {{.*}}Inputs/overrides-name-accelerator.json: rules[0] (was: host is faster); accelerator 103 cycles
  // LAST: remark: loc("fc1"): accelerator: pinned by {{.*}}Inputs/overrides-last-wins.json: rules[0] (was: host is faster);
  // LOC: remark: loc("fc1"): host: host is faster;
  // KIND-IR: accel.matmul {{.*}} {accel.placement = "host"} {{.*}} -> tensor<4x4x
  %1 = accel.matmul %c, %c acc(i32) : tensor<4x4x!q>, tensor<4x4x!q> -> tensor<4x4x!q> loc("fc1")

  // The relu's operand crosses the host link only when fc1 stays on the
  // host: 16 B in and 16 B out, or 16 B out alone.
  // KIND: accel-place-overrides.mlir:[[@LINE+5]]:8: remark: host: host is faster; accelerator 102 cycles (1 compute, 102 DMA) + 2004 host-link cycles = 2.11 us vs host 4.0 ns; 32 B over the host link
  // NAME: accel-place-overrides.mlir:[[@LINE+4]]:8: remark: host: host is faster; accelerator 102 cycles (1 compute, 102 DMA) + 2002 host-link cycles = 2.10 us vs host 4.0 ns; 16 B over the host link
  // LAST: accel-place-overrides.mlir:[[@LINE+3]]:8: remark: host: pinned by {{.*}}Inputs/overrides-last-wins.json: rules[2] (was: host is faster);
  // LOC: accel-place-overrides.mlir:[[@LINE+2]]:8: remark: host: host is faster;
  // KIND-IR: accel.relu {{.*}} {accel.placement = "host"}
  %2 = accel.relu %1 : tensor<4x4x!q>

  // Illegal on int8-16x16.
  // KIND: accel-place-overrides.mlir:[[@LINE+6]]:8: remark: host: target 'int8-16x16' does not run 'avg_pool2d'{{$}}
  // NAME: accel-place-overrides.mlir:[[@LINE+5]]:8: remark: host: target 'int8-16x16' does not run 'avg_pool2d'{{$}}
  // LAST: accel-place-overrides.mlir:[[@LINE+4]]:8: remark: host: pinned by {{.*}}Inputs/overrides-last-wins.json: rules[3] (was: target 'int8-16x16' does not run 'avg_pool2d'){{$}}
  // LOC: accel-place-overrides.mlir:[[@LINE+3]]:8: remark: host: target 'int8-16x16' does not run 'avg_pool2d'{{$}}
  // ILLEGAL: accel-place-overrides.mlir:[[@LINE+2]]:8: error: {{.*}}Inputs/overrides-illegal.json: rules[0] pins this op to the accelerator, but the target cannot run it: target 'int8-16x16' does not run 'avg_pool2d'{{$}}
  // KIND-IR: accel.avg_pool2d {{.*}} {accel.placement = "host"}
  %3 = accel.avg_pool2d %p window [2, 2] strides [2, 2] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>

  // A name wrapping a file location, as importers write them: both the name
  // and the file:line inside it can be selected.
  // KIND: nets/model.py:7:3: remark: host: pinned by {{.*}}Inputs/overrides-kind-host.json: rules[0] (was: offload is faster);
  // LAST: nets/model.py:7:3: remark: accelerator: pinned by {{.*}}Inputs/overrides-last-wins.json: rules[0] (was: offload is faster);
  // LOC: nets/model.py:7:3: remark: host: pinned by {{.*}}Inputs/overrides-loc.json: rules[0] (was: offload is faster);
  %4 = accel.matmul %a, %b acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q> loc("fc2"("nets/model.py":7:3))

  // Selected by this file's name and line (written here so the line stays
  // right): the last of the two matching rules wins; a wrong column misses.
  // RUN: echo '{"rules": [{"loc": "accel-place-overrides.mlir:%(line+6)", "place": "accelerator"}, {"loc": "Accel/accel-place-overrides.mlir:%(line+6):8", "place": "accelerator"}, {"loc": "accel-place-overrides.mlir:%(line+6):9", "place": "host"}]}' > %t.line.json
  // RUN: accel-opt --accel-target=int8-16x16 --accel-place=overrides=%t.line.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=LINE --implicit-check-not=warning:
  // LINE: accel-place-overrides.mlir:[[@LINE+4]]:8: remark: accelerator: pinned by {{.*}}.line.json: rules[1] (was: host is faster);
  // LINE: warning: {{.*}}.line.json: rules[2] matches no operation
  // KIND: accel-place-overrides.mlir:[[@LINE+2]]:8: remark: host: pinned by {{.*}}Inputs/overrides-kind-host.json: rules[0] (was: host is faster);
  // LAST: accel-place-overrides.mlir:[[@LINE+1]]:8: remark: accelerator: pinned by {{.*}}Inputs/overrides-last-wins.json: rules[0] (was: host is faster);
  %5 = accel.matmul %c, %c acc(i32) : tensor<4x4x!q>, tensor<4x4x!q> -> tensor<4x4x!q>

  // LAST: warning: {{.*}}Inputs/overrides-last-wins.json: rules[4] matches no operation
  // LOC: warning: {{.*}}Inputs/overrides-loc.json: rules[1] matches no operation
  // LOC: warning: {{.*}}Inputs/overrides-loc.json: rules[2] matches no operation
  return %0, %2, %3, %4, %5 : tensor<512x512x!q>, tensor<4x4x!q>, tensor<1x4x4x4x!q>, tensor<512x512x!q>, tensor<4x4x!q>
}
