import React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.jsx";

window.addEventListener("error", (e) => (window.__pageErrors ??= []).push(String(e.message)));
window.addEventListener("unhandledrejection", (e) => (window.__pageErrors ??= []).push(String(e.reason?.message ?? e.reason)));
createRoot(document.getElementById("root")).render(<App />);
