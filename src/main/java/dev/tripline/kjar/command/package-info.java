/**
 * Commands and result types that ship inside the KJAR, for hosts that drive the rules through KIE's command
 * API — above all KIE Server's REST batch format, whose JSON form has no clock command and cannot return
 * Tripline's facts. A replay sends, per event in time order, {@link dev.tripline.kjar.command.AdvanceClock},
 * {@code insert} and {@link dev.tripline.kjar.command.FireAndCollect}; then
 * {@link dev.tripline.kjar.command.TakeAlerts} returns the alerts as plain beans ({@link
 * dev.tripline.kjar.command.RemoteAlert}). Only Drools' own API (kie-api, kie-internal) and the fact model are used,
 * so the classes link against Drools 7.74 as well as 10.1. Everything here is mutable with a no-argument
 * constructor, as the marshallers need; the fact model stays immutable.
 */
package dev.tripline.kjar.command;
