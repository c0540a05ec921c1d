// ProadSync web UI: the only script. Submits the language choice on change (the button stays for keyboards and no-script).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
