package dev.tenantwave.e2e.probe;

/** One check of a running stack, from outside it, as an attacker or a careless client would try it. */
interface Probe {

  Finding run(Stack stack) throws Exception;
}
