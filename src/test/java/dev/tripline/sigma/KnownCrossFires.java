package dev.tripline.sigma;

import java.util.List;

/**
 * Cross-fires of the whole corpus over all 68 regression folders ("folder rule's data -> other rule xN"), each
 * reviewed and judged legitimate: every one is the same recorded attack matched by a second rule that looks at
 * the same behaviour more generally or from another angle. The groups:
 * <ul>
 *   <li>specific/generic pairs of one tool: certutil (direct-IP / file-sharing / generic download, base64 encode),
 *       bitsadmin downloads (suspicious extension, target folder, file-sharing site, any download), curl
 *       (NTLM leak, insecure transfer, local file read, IP download) under "web request commands" and
 *       "suspicious curl download", AdFind (renamed / enumeration / suspicious / any execution), AdvancedRun,
 *       wmic (remote execution, process creation, service recon), sc.exe service stop vs. service tampering,
 *       Chromium custom extension and headless mode, python base64 one-liners vs. inline execution (and the
 *       WindowsApps python path), Advanced Port Scanner vs. Advanced IP Scanner (one vendor, shared strings),
 *       node.exe skill installation vs. node running a .js file, SFTP ProxyCommand vs. ssh.exe proxy command;</li>
 *   <li>the svchost masquerading sample also is an uncommon svchost parent, location and command line;</li>
 *   <li>samples run through non-interactive PowerShell (EventLog recon, Credential Guard tampering, which also
 *       touches the HVCI key), NetExec with the weak passwords in its command line, findstr security-keyword
 *       lookup piped from recon output, and the User Shell Folders sample, whose recorded payload is calc.exe.</li>
 * </ul>
 * None comes from a rule whose own data would not explain it; no rule fires on unrelated data.
 */
final class KnownCrossFires {
    private KnownCrossFires() {}

    static final List<String> EXPECTED = List.of(
            "13e6fe51-d478-4c7e-b0f2-6da9b400a829 data -> 19b08b1c-861d-4e75-a1ef-ea0c1baf202b x1",
            "19b08b1c-861d-4e75-a1ef-ea0c1baf202b data -> 42a5f1e7-9603-4f6d-97ae-3f37d130d794 x1",
            "1c526788-0abe-4713-862f-b520da5e5316 data -> ef9dcfed-690c-4c5d-a9d1-482cd422225c x1",
            "3c89a1e8-0fba-449e-8f1b-8409d6267ec8 data -> 526be59f-a573-4eea-b5f7-f0973207634d x1",
            "455b9d50-15a1-4b99-853f-8d37655a4c1b data -> 514e7e3e-b3b4-4a67-af60-be20f139198b x1",
            "4fe074b4-b833-4081-8f24-7dcfeca72b42 data -> ccb5742c-c248-4982-8c5c-5571b9275ad3 x1",
            "50a0aa3d-ab16-4594-a8aa-5145a6e6792b data -> 899133d5-4d7c-4a7f-94ee-27355c879d90 x1",
            "50a0aa3d-ab16-4594-a8aa-5145a6e6792b data -> f91ed517-a6ba-471d-9910-b3b4a398c0f3 x1",
            "514e7e3e-b3b4-4a67-af60-be20f139198b data -> 9a132afa-654e-11eb-ae93-0242ac130002 x1",
            "54773c5f-f1cc-4703-9126-2f797d96a69d data -> bef37fa2-f205-4a7b-b484-0759bfd5f86f x1",
            "5b80a791-ad9b-4b75-bcc1-ad4e1e89c200 data -> 2ddef153-167b-4e89-86b6-757a9e65dcac x1",
            "5b80a791-ad9b-4b75-bcc1-ad4e1e89c200 data -> 8518ed3d-f7c9-4601-a26c-f361a4256a0c x1",
            "5b80a791-ad9b-4b75-bcc1-ad4e1e89c200 data -> d059842b-6b9d-4ed1-b5c3-5b89143c6ede x1",
            "5cb299fc-5fb1-4d07-b989-0644c68b6043 data -> 9fc51a3c-81b3-4fa7-b35f-7c02cf10fd2d x1",
            "68bcd73b-37ef-49cb-95fc-edc809730be6 data -> 76f55eaa-d27f-4213-9d45-7b0e4b60bbae x1",
            "762bb580-79b4-40f4-8b9e-9349ce1710f4 data -> 7d6d30b8-5b91-4b90-a891-46cccaf29598 x1",
            "7638e5fe-600c-4289-a968-f49dd537ec7d data -> 91edcfb1-2529-4ac2-9ecc-7617f895c7e4 x1",
            "7773b877-5abb-4a3e-b9c9-fd0369b59b00 data -> 526be59f-a573-4eea-b5f7-f0973207634d x1",
            "81bcb81b-5b1f-474b-b373-52c871aaa7b1 data -> ce72ef99-22f1-43d4-8695-419dcb5d9330 x1",
            "88d6e60c-759d-4ac1-a447-c0f1466c2d21 data -> 27ba3207-dd30-4812-abbf-5d20c57d474e x1",
            "8f3ab69a-aa22-4943-aa58-e0a52fdf6818 data -> 737e618a-a410-49b5-bec3-9e55ff7fbc15 x1",
            "916eb839-895e-47f8-99ee-3008bf377a3e data -> 9fc51a3c-81b3-4fa7-b35f-7c02cf10fd2d x1",
            "aa6f6ea6-0676-40dd-b510-6e46f02d8867 data -> 9fc51a3c-81b3-4fa7-b35f-7c02cf10fd2d x1",
            "aa6f6ea6-0676-40dd-b510-6e46f02d8867 data -> e218595b-bbe7-4ee5-8a96-f32a24ad3468 x1",
            "afa71271-6a97-4e47-810f-83120fb1a4ce data -> ba3874b9-0fae-465f-836c-eb5d071a1789 x1",
            "be58d2e2-06c8-4f58-b666-b99f6dc3b6cd data -> 01d2e2a1-5f09-44f7-9fc1-24faa7479b6d x1",
            "be58d2e2-06c8-4f58-b666-b99f6dc3b6cd data -> 16c37b52-b141-42a5-a3ea-bbe098444397 x1",
            "be58d2e2-06c8-4f58-b666-b99f6dc3b6cd data -> e4a6b256-3e47-40fc-89d2-7a477edd6915 x1",
            "be58d2e2-06c8-4f58-b666-b99f6dc3b6cd data -> f17211f1-1f24-4d0c-829f-31e28dc93cdd x1",
            "beaa66d6-aa1b-4e3c-80f5-e0145369bfaf data -> f4bbd493-b796-416e-bbf2-121235348529 x1",
            "c17d47b7-dcd6-4109-87eb-d1817bd4cbc9 data -> 6225c53a-a96e-4235-b28f-8d7997cd96eb x1",
            "c17d47b7-dcd6-4109-87eb-d1817bd4cbc9 data -> f4bbd493-b796-416e-bbf2-121235348529 x1",
            "cb9cc1d1-e84e-4bdc-b7ad-c31b1b7908ec data -> 9fc51a3c-81b3-4fa7-b35f-7c02cf10fd2d x1",
            "df55196f-f105-44d3-a675-e9dfb6cc2f2b data -> 514e7e3e-b3b4-4a67-af60-be20f139198b x1",
            "ea0cdc3e-2239-4f26-a947-4e8f8224e464 data -> e62a9f0c-ca1e-46b2-85d5-a6da77f86d1a x1",
            "fa00b701-44c6-4679-994d-5a18afa8a707 data -> d2b749ee-4225-417e-b20e-a8d2193cbb84 x1");
}
