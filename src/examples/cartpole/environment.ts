/**
 * CartPole, the classic control task of Barto, Sutton & Anderson (1983), "Neuronlike adaptive
 * elements that can solve difficult learning control problems", with the constants, the Euler
 * integration and the episode rules of Gym/Gymnasium's `CartPole-v1`.
 *
 * A pole (mass m = 0.1, half-length l = 0.5) is hinged on a cart (mass M = 1.0) on a track; each
 * step pushes the cart with F = +10 (action 1) or −10 (action 0) for τ = 0.02 s, under gravity
 * g = 9.8. With s = sin θ, c = cos θ, mₜ = M + m and the state (x, ẋ, θ, θ̇) before the step:
 *
 *   temp = (F + m·l·θ̇²·s) / mₜ
 *   θ̈    = (g·s − c·temp) / (l · (4/3 − m·c² / mₜ))
 *   ẍ    = temp − m·l·θ̈·c / mₜ
 *
 * then explicit Euler, positions first with the old velocities (Gymnasium's "euler" integrator):
 *
 *   x ← x + τ·ẋ,   ẋ ← ẋ + τ·ẍ,   θ ← θ + τ·θ̇,   θ̇ ← θ̇ + τ·θ̈.
 *
 * Every step, the last one included, gives reward 1. The episode terminates when |x| > 2.4 or
 * |θ| > 12° = 12·2π/360 ≈ 0.2095 rad, and is truncated after `maxSteps` steps: 500 for
 * CartPole-v1 (the default here), 200 for CartPole-v0, whose "solved" criterion — an average
 * return of at least 195 over 100 consecutive episodes — is the one the cartpole example uses.
 * As in Gymnasium's TimeLimit, a step can be both terminated and truncated.
 * The initial state is drawn uniformly from [−0.05, 0.05]⁴.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

export const cartPole = {
  gravity: 9.8,
  cartMass: 1.0,
  poleMass: 0.1,
  halfLength: 0.5,
  forceMagnitude: 10,
  tau: 0.02,
  xThreshold: 2.4,
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  initialBound: 0.05,
} as const;

/** CartPole-v1's time limit. */
export const defaultMaxSteps = 500;

/** Cart position x, its velocity ẋ, pole angle θ (0 = upright) and its angular velocity θ̇, and the steps taken so far. */
export interface CartPoleState {
  readonly x: number;
  readonly xDot: number;
  readonly theta: number;
  readonly thetaDot: number;
  readonly steps: number;
}

/** 0 pushes the cart left, 1 pushes it right. */
export type CartPoleAction = 0 | 1;

export interface CartPoleStep {
  state: CartPoleState;
  reward: number;
  terminated: boolean;
  truncated: boolean;
}

/** A fresh episode: (x, ẋ, θ, θ̇) uniform in [−0.05, 0.05]⁴, drawn in that order from `rng`. */
export function resetCartPole(rng: RandomGenerator): CartPoleState {
  const draw = () => cartPole.initialBound * (2 * uniformFloat64(rng) - 1);
  return { x: draw(), xDot: draw(), theta: draw(), thetaDot: draw(), steps: 0 };
}

/** One step of the dynamics and episode rules above. Pure: `state` is not changed. */
export function stepCartPole(state: CartPoleState, action: CartPoleAction, maxSteps = defaultMaxSteps): CartPoleStep {
  const { gravity, cartMass, poleMass, halfLength, forceMagnitude, tau } = cartPole;
  const totalMass = cartMass + poleMass;
  const poleMassLength = poleMass * halfLength;
  const force = action === 1 ? forceMagnitude : -forceMagnitude;
  const cos = Math.cos(state.theta);
  const sin = Math.sin(state.theta);
  const temp = (force + poleMassLength * state.thetaDot * state.thetaDot * sin) / totalMass;
  const thetaAcc = (gravity * sin - cos * temp) / (halfLength * (4 / 3 - (poleMass * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  const next: CartPoleState = {
    x: state.x + tau * state.xDot,
    xDot: state.xDot + tau * xAcc,
    theta: state.theta + tau * state.thetaDot,
    thetaDot: state.thetaDot + tau * thetaAcc,
    steps: state.steps + 1,
  };
  return {
    state: next,
    reward: 1,
    terminated: Math.abs(next.x) > cartPole.xThreshold || Math.abs(next.theta) > cartPole.thetaThreshold,
    truncated: next.steps >= maxSteps,
  };
}

/** The observation the agent sees: [x, ẋ, θ, θ̇]. */
export function observe(state: CartPoleState): [number, number, number, number] {
  return [state.x, state.xDot, state.theta, state.thetaDot];
}
