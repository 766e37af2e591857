// The receipt page's print button (issue 10): a file of its own, as the Content-Security-Policy allows no inline script.
document.getElementById('print')?.addEventListener('click', () => window.print());
