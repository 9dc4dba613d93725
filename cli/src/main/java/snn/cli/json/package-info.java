/**
 * The records that {@code --json} output and the files beside a run (quantize's IMAGE.json, demo.json,
 * verify-N.json) are written from, one per command, serialised by {@link snn.support.Json}: components
 * become snake_case keys in declaration order, and a null component is left out.
 */
package snn.cli.json;

