// The atlas's entry point: a cell's start, its hyperparameters, its run through the slice
// [kStart, kEnd) and its end (finished, or paused for the full kernel).

fn init_cell(row: u32, col: u32) -> Cell {
  var s: Cell;
  if (u.mode == 0u) {
    s.w = vec2<f32>(inp[u.offAxisX + col], inp[u.offAxisY + row]);
    s.wlo = vec2<f32>(inp[u.offAxisXLo + col], inp[u.offAxisYLo + row]);
  } else {
    s.w = vec2<f32>(u.startX, u.startY);
    s.wlo = vec2<f32>(u.startXLo, u.startYLo);
  }
  if (RPROP_FAMILY) {
    s.a = vec2<f32>(u.delta0);
  } else {
    s.a = vec2<f32>(0.0);
  }
  s.b = vec2<f32>(0.0);
  s.c = vec2<f32>(0.0);
  s.ea = vec2<i32>(0);
  s.eb = vec2<i32>(0);
  s.prevCost = 1.0;
  s.prevCostE = E_INF;
  s.convergedAt = -1;
  s.divergedAt = -1;
  return s;
}

// The uniforms' hyperparameters, or in 'lr' mode the cell's from the axes.
fn cell_hyper(row: u32, col: u32) -> CellHyper {
  var h: CellHyper;
  h.etaP = u.etaPlus;
  h.etaM = u.etaMinus;
  h.etaPLo = u.etaPlusLo;
  h.etaMLo = u.etaMinusLo;
  h.lr2 = vec2<f32>(u.lr, u.lrWRec);
  h.adamF32 = PAUSES && OPT == O_ADAM && adam_f32_hyper();
  if (u.mode == 1u) {
    if (RPROP_FAMILY) {
      h.etaP = inp[u.offAxisX + col];
      h.etaM = inp[u.offAxisY + row];
      h.etaPLo = inp[u.offAxisXLo + col];
      h.etaMLo = inp[u.offAxisYLo + row];
    } else {
      h.lr2 = vec2<f32>(inp[u.offAxisX + col], inp[u.offAxisY + row]);
    }
  }
  return h;
}

// One step of the optimiser OPT: w_k -> w_{k+1} (the state in *s; returns dw).
fn optimiser_step(s: ptr<function, Cell>, ev: Ev, k: u32, h: CellHyper) -> vec2<f32> {
  if (OPT == O_RPROP) {
    return step_rprop(s, ev, h);
  } else if (OPT == O_RPROP_MINUS || OPT == O_IRPROP_MINUS) {
    return step_rprop_minus(s, ev, h);
  } else if (OPT == O_RPROP_PLUS || OPT == O_IRPROP_PLUS) {
    return step_rprop_plus(s, ev, h);
  } else if (OPT == O_SGD) {
    return step_sgd(ev, h.lr2);
  } else if (OPT == O_CLIP) {
    return step_clip(ev, h.lr2);
  } else if (OPT == O_MOMENTUM) {
    return step_momentum(s, ev, k, h.lr2);
  } else if (OPT == O_ADAM) {
    return step_adam(s, ev, k, h.lr2);
  }
  return vec2<f32>(0.0);
}

// The last evaluated iterate w_k: its weights, its cost (the float32 estimate, or the XF one
// rounded where wide) and whether it was wide.
struct Last {
  w: vec2<f32>,
  cost: f32,
  wide: bool,
}

const EV_SLICE_END = 0u;
const EV_PAUSE = 1u;
const EV_EXACT = 2u;
const EV_NON_FINITE = 3u;
const EV_FINAL = 4u;
const EV_LIMIT = 5u;
// (FLAG_UNRESOLVED kernels only) a step left the float32 weights unchanged while the cost was
// above tol: float32 cannot resolve this cell (SPEC section 12; counting such steps and waiting
// for several flags the same cells on the sigmoid fixture's atlases), or the model's own test
// says so (beyond_float32). It ends with divergedAt = UNRESOLVED and the host finishes it in float64.
const EV_UNRESOLVED = 6u;
// (gradient methods) the quadratic form's cost is within 1000 times its rounding: the caller
// gives the iterate's cost and gradient (Given)
const EV_NEAR = 7u;
const UNRESOLVED = -1000000000;

fn unresolved(s: ptr<function, Cell>, ev: Ev, before: vec2<f32>, dw: vec2<f32>) -> bool {
  if (!FLAG_UNRESOLVED || ev.cost < u.tol || (*s).convergedAt >= 0) {
    return false;
  }
  // or the model's own test (beyond_float32: the sigmoid unit's cliff for gradient methods)
  return (all((*s).w == before) && any(dw != vec2<f32>(0.0))) || beyond_float32(ev);
}

// The caller's cost and gradient for the iterate w_k near the minimum (gradient methods): from the
// residual form or the samples, in place of the quadratic form's (k = NONE: none given).
struct Given {
  k: u32,
  cost: f32,
  g: vec2<f32>,
  err: f32,
}
const NONE = 0xffffffffu;

// The hot loop: evaluate, test, step from iteration *k until an event (EV_*). Rare work (the
// residual form, a sum of squares over the samples, the end of a run, the pause) is left to the
// caller: on SwiftShader, code in a branch costs time even where no invocation takes it, nested
// loops inside make every iteration several times slower, and a loop left early by one invocation
// makes the others of its SIMD group wait.
fn run_until_event(s: ptr<function, Cell>, k: ptr<function, u32>, last: ptr<function, Last>, h: CellHyper, settled: u32, given: Given) -> u32 {
  var event = EV_SLICE_END;
  loop {
    if (*k >= u.kEnd) {
      event = EV_SLICE_END;
      break;
    }
    if (!FULL && lean_pauses((*s).w)) {
      event = EV_PAUSE;
      break;
    }
    var ev = evaluate((*s).w);
    if (!RPROP_FAMILY && !ev.wide && ev.cost <= 1000.0 * ev.err) {
      // gradient descent crawls along the valley on the small differences that the quadratic
      // form rounds away near the minimum: there the cost and gradient come from the caller
      if (given.k != *k) {
        event = EV_NEAR;
        break;
      }
      ev.cost = given.cost;
      ev.g = given.g;
      ev.err = given.err;
    }
    *last = Last((*s).w, ev.cost, ev.wide);
    if (!ev.finite) {
      event = EV_NON_FINITE;
      break;
    }
    if ((*s).convergedAt < 0 && *k != settled) {
      if (!ev.wide && abs(ev.cost - u.tol) <= ev.err) {
        // within the rounding of tol: the caller decides
        event = EV_EXACT;
        break;
      } else if (ev.cost < u.tol) {
        (*s).convergedAt = i32(*k);
      }
    }
    if (*k == u.iterations) {
      event = EV_FINAL;
      break;
    }
    let before = (*s).w;
    var dw: vec2<f32>;
    if (PAUSES && OPT == O_ADAM) {
      let st = adam_f32(s, ev.g, *k, h);
      if (!st.ok) {
        event = EV_PAUSE;
        break;
      }
      (*s).a = st.m;
      (*s).b = st.v;
      (*s).eb = st.ve;
      dw = st.dw;
    } else {
      dw = optimiser_step(s, ev, *k, h);
    }
    // w_{k+1} = w_k + dw with the rounding error carried in wlo (TwoSum): float32 alone would
    // round away steps below its resolution, and small learning rates make many of them
    let y = dw + (*s).wlo;
    let t = (*s).w + y;
    let bb = t - (*s).w;
    (*s).wlo = ((*s).w - (t - bb)) + (y - bb);
    (*s).w = t;
    if (FLAG_UNRESOLVED && unresolved(s, ev, before, dw)) {
      event = EV_UNRESOLVED;
      break;
    }
    if (!(abs(t.x) <= DIVERGENCE_LIMIT && abs(t.y) <= DIVERGENCE_LIMIT)) {
      event = EV_LIMIT;
      break;
    }
    *k = *k + 1u;
  }
  return event;
}

// The cell's run through the slice: the hot loop, and the rare work it leaves here.
// - Near the minimum (gradient methods, EV_NEAR): the cost and gradient of w_k from the residual
//   form where it is accurate to 0.1%, else from the samples; the loop goes on with them.
// - At a cost within rounding of tol (EV_EXACT): the residual form decides whether w_k converged,
//   or where it cannot, the sum of squares.
fn run_cell(s: ptr<function, Cell>, k: ptr<function, u32>, last: ptr<function, Last>, h: CellHyper) -> u32 {
  var settled = NONE;  // the iteration whose cost < tol is already decided exactly
  var given = Given(NONE, 0.0, vec2<f32>(0.0), 0.0);
  var event = EV_SLICE_END;
  loop {
    event = run_until_event(s, k, last, h, settled, given);
    if (event == EV_NEAR) {
      let w = (*s).w;
      let q = resid_eval(w.x, w.y, evaluate(w));
      if (q.ok && q.cost > 1000.0 * q.err) {
        given = Given(*k, q.cost, q.g, q.err);
      } else {
        let x = exact_eval(w.x, w.y);
        given = Given(*k, x.x, x.yz, 0.0);
      }
      continue;
    }
    if (event != EV_EXACT) {
      break;
    }
    if ((*s).convergedAt < 0) {
      let w = (*last).w;
      let q = resid_eval(w.x, w.y, evaluate(w));
      var cost = q.cost;
      if (!q.ok || abs(q.cost - u.tol) <= q.err) {
        cost = exact_cost(w.x, w.y);
      }
      if (cost < u.tol) {
        (*s).convergedAt = i32(*k);
      }
    }
    settled = *k;
  }
  return event;
}

fn finish(cell: u32, s: Cell, cost: f32) {
  finalCostOut[cell] = cost;
  convergedOut[cell] = s.convergedAt;
  divergedOut[cell] = s.divergedAt;
}

// After the slice: pause the cell for the full kernel, or write its outputs where its run ended.
fn end_cell(event: u32, li: u32, cell: u32, s: ptr<function, Cell>, k: u32, last: Last) {
  if (event == EV_PAUSE) {
    // beyond the lean kernel: the full kernel goes on from here
    (*s).divergedAt = -2 - i32(k);
    let at = atomicAdd(&args.count, 1u);
    list[at] = li;
    if (at % 64u == 0u) {
      atomicAdd(&args.groups, 1u);
    }
  } else if (event == EV_UNRESOLVED) {
    (*s).divergedAt = UNRESOLVED;
    finish(cell, *s, last.cost);
    // its state after the step at k, for the host to go on from in float64 (convergedAt: k)
    var stop = *s;
    stop.convergedAt = i32(k);
    cells[u.sigResumeBase + cell] = stop;
  } else if (event == EV_NON_FINITE) {
    (*s).divergedAt = i32(k);
    finish(cell, *s, last.cost);
  } else if (event == EV_FINAL || event == EV_LIMIT) {
    // the final cost is the cost at the last evaluated iterate, w_k (src/model/atlas.ts)
    if (event == EV_LIMIT) {
      (*s).divergedAt = i32(k + 1u);
    }
    var cost = last.cost;
    if (!last.wide) {
      cost = exact_cost(last.w.x, last.w.y);
    }
    finish(cell, *s, cost);
  }
}

@compute @workgroup_size(64)
fn atlas_main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  // the lean kernel has the coefficients as constants (poly_fast, made by the host)
  if (GENERIC_POLY) {
    load_coefficients(lid);
  }
  workgroupBarrier();

  var s: Cell;
  var li: u32;
  var k = u.kStart;
  if (FULL) {
    if (gid.x >= atomicLoad(&args.count)) {
      return;
    }
    li = list[gid.x];
    s = cells[li];
    k = u32(-2 - s.divergedAt);
    s.divergedAt = -1;
  } else {
    if (u.cellStart + gid.x >= u.cellEnd) {
      return;
    }
    li = u.cellStart + gid.x - u.bandStart;
    if (u.kStart == 0u) {
      let c0 = u.bandStart + li;
      s = init_cell(c0 / u.cols, c0 % u.cols);
    } else {
      s = cells[li];
    }
    if (s.divergedAt >= 0 || s.divergedAt == UNRESOLVED) {
      return;
    }
  }
  let cell = u.bandStart + li;
  let h = cell_hyper(cell / u.cols, cell % u.cols);
  var last = Last(s.w, 0.0, false);
  if (PAUSES && OPT == O_ADAM) {
    adam_state_to_f32(&s);
  }
  let event = run_cell(&s, &k, &last, h);
  if (PAUSES && OPT == O_ADAM) {
    adam_state_to_xf(&s);
  }
  end_cell(event, li, cell, &s, k, last);
  cells[li] = s;
}
