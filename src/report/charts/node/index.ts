/** Chart rendering that needs Node: PNG output through resvg with a font found on this machine. */
export { renderPng, type PngOptions } from "./render-png.js";
