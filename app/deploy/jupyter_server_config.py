# Settings for serving the explorers app to a class from JupyterHub or Binder, where Voila runs
# as an extension of each user's Jupyter Server (https://.../voila/render/app/explorers.ipynb)
# rather than as `make app`. Copy this file into the user environment's Jupyter config folder
# (for example `<env>/etc/jupyter/jupyter_server_config.py`, or write it from `postBuild`).
# The numbers match tools/serve.py; README.md ("The app for a class") explains them.
c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file

# Reclaim kernels: a kernel with no open connection (a closed tab) is shut down after 60 s
# without activity, checked every 30 s. Connected kernels are left alone while a student reads.
c.MappingKernelManager.cull_idle_timeout = 60
c.MappingKernelManager.cull_interval = 30
c.MappingKernelManager.cull_connected = False

# Render fast: keep 2 kernels ready with the app's notebook already run in them.
c.VoilaConfiguration.preheat_kernel = True
c.VoilaConfiguration.default_pool_size = 2

# No requests beyond the machine: JupyterLab's news feed and update check off.
c.LabApp.news_url = ""
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
