"""jewellery-followup-import: bulk import of jewellery leads into Odoo over RPC (odoorpc)."""
from setuptools import setup

setup(
    name="jewellery-followup-import",
    version="1.0.0",
    description="Import a CSV of jewellery leads into Odoo's CRM through odoorpc",
    license="AGPL-3",
    packages=["jewellery_followup_import"],
    python_requires=">=3.7",
    # the core package of this repository (pip install ./core first): the checks, limits and messages the
    # command shares with the server
    install_requires=["odoorpc", "tqdm", "jewellery_followup_core"],
    entry_points={
        "console_scripts": [
            "jewellery-followup-import = jewellery_followup_import.cli:main",
        ],
    },
)
